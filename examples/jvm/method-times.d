#!/usr/sbin/dtrace -s
/*
 * Time spent in each Java method in microseconds: inclusive (with what it calls) and
 * exclusive (its own code only), kept per thread with a stack of start times.
 * Needs -XX:+DTraceMethodProbes.
 *
 *   dtrace -s method-times.d -c 'java -XX:+DTraceMethodProbes -jar app.jar'
 */
#pragma D option quiet

self int depth;

hotspot$target:::method-entry
{
	self->depth++;
	self->start[self->depth] = timestamp;
	self->inner[self->depth] = 0;
}

hotspot$target:::method-return
/self->depth > 0/
{
	this->class = (char *)copyin(arg1, arg2 + 1);
	this->class[arg2] = '\0';
	this->method = (char *)copyin(arg3, arg4 + 1);
	this->method[arg4] = '\0';
	this->name = strjoin(strjoin(stringof(this->class), "."), stringof(this->method));
	this->elapsed = timestamp - self->start[self->depth];
	@inclusive[this->name] = sum(this->elapsed / 1000);
	@exclusive[this->name] = sum((this->elapsed - self->inner[self->depth]) / 1000);
	self->start[self->depth] = 0;
	self->inner[self->depth] = 0;
	self->depth--;
	/* the caller's exclusive time leaves out this call */
	self->inner[self->depth] += this->elapsed;
}

dtrace:::END
{
	printf("%-70s %12s %12s\n", "METHOD", "INCL (us)", "EXCL (us)");
	printa("%-70s %@12d %@12d\n", @inclusive, @exclusive);
}
