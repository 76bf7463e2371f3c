/*
 * Time spent in each eventer callback, per callback name, with thread-local start times
 * (DTrace).
 *
 *   dtrace -s callback-time-per-thread.d      (Ctrl-C prints the histograms)
 */
#pragma D option quiet

libmtev*:::eventer-callback-entry
{
	self->ts = timestamp;
}

libmtev*:::eventer-callback-return
/self->ts/
{
	@callback_us[copyinstr(arg2)] = quantize((timestamp - self->ts) / 1000);
	self->ts = 0;
}
