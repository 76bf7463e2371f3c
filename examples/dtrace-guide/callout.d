/*
 * The DTrace guide's callout.d (statically defined probes chapter), adapted to the libmtev
 * example: the key is the callback's name where the guide had the callout's function.
 *
 *   java -jar usdt4j-dtrace.jar -s callout.d      (prints every second; Ctrl-C ends)
 */
#pragma D option quiet

libmtev*:::eventer-callback-entry
{
	@callouts[copyinstr(arg2)] = count();
}

tick-1sec
{
	printa("%40s %10@d\n", @callouts);
	clear(@callouts);
}
