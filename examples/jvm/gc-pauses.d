#!/usr/sbin/dtrace -s
/*
 * Garbage collections: how many, full or not, and how long each took in microseconds.
 * gc-begin and gc-end need no flag.
 *
 *   dtrace -s gc-pauses.d -p PID
 */
#pragma D option quiet

hotspot$target:::gc-begin
{
	self->began = timestamp;
	@collections[arg0 ? "full" : "not full"] = count();
}

hotspot$target:::gc-end
/self->began/
{
	@pause_us = quantize((timestamp - self->began) / 1000);
	self->began = 0;
}
