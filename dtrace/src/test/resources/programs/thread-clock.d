/*
 * vtimestamp, the thread's time on CPU, beside timestamp: a callback's wall and CPU times.
 */
#pragma D option quiet

libmtev*:::eventer-callback-entry
{
	self->start = timestamp;
	self->vstart = vtimestamp;
}

libmtev*:::eventer-callback-return
/self->start/
{
	@wall = quantize(timestamp - self->start);
	@cpu = quantize(vtimestamp - self->vstart);
	self->start = 0;
	self->vstart = 0;
}
