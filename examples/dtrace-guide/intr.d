/*
 * The DTrace guide's intr.d, adapted to the libmtev example: time in each callback, keyed
 * by its name and file descriptor where the guide had the driver's name and instance.
 *
 *   java -jar usdt4j-dtrace.jar -s intr.d      (Ctrl-C prints the distributions)
 */
libmtev*:::eventer-callback-entry
{
	self->ts = vtimestamp;
}

libmtev*:::eventer-callback-return
/self->ts/
{
	@[copyinstr(arg2), args[0]] = quantize(vtimestamp - self->ts);
	self->ts = 0;
}
