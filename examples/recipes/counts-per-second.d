/*
 * How often each libmtev probe fires, every second (DTrace).
 *
 *   dtrace -s counts-per-second.d
 */
#pragma D option quiet

libmtev*:::
{
	@fired[probename] = count();
}

tick-1sec
{
	printa("%40s %10@d\n", @fired);
	clear(@fired);
}
