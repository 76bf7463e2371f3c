/*
 * The DTrace guide's interval.d, adapted to the libmtev example: the sizes of the reads each
 * callback makes, linearly quantized from 0 to 100, per callback. The guide's callout
 * pointer is a string here, so "no callout" is "" rather than NULL.
 *
 *   java -jar usdt4j-dtrace.jar -s interval.d      (Ctrl-C prints the distributions)
 */
#pragma D option quiet

libmtev*:::eventer-callback-entry
{
	self->callout = copyinstr(arg2);
}

libmtev*:::eventer-read-return
/self->callout != "" && arg5 <= 100/
{
	@callout[self->callout] = lquantize(arg5, 0, 100);
}

libmtev*:::eventer-callback-return
{
	self->callout = "";
}

END
{
	printa("%s\n%@d\n\n", @callout);
}
