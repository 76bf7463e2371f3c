/*
 * The DTrace guide's intr.d, adapted to the libmtev example: time in each callback, keyed
 * by its name and file descriptor where the guide had the driver's name and instance.
 * timestamp stands for vtimestamp, which bpftrace cannot provide.
 *
 *   java -jar usdt4j-dtrace.jar -s intr.d      (Ctrl-C prints the distributions)
 */
libmtev*:::eventer-callback-entry
{
	self->ts = timestamp;
}

libmtev*:::eventer-callback-return
/self->ts/
{
	@[copyinstr(arg2), args[0]] = quantize(timestamp - self->ts);
	self->ts = 0;
}
