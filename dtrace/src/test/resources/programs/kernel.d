/*
 * Kernel probes that Linux tracepoints mean the same as: a system call's entry and return,
 * and proc's exec-success, exit and create, beside a USDT probe.
 */
#pragma D option quiet

syscall::read:entry
/pid == $target/
{
	self->fd = arg0;
	self->size = arg2;
}

syscall::read:return
/self->size/
{
	@bytes[self->fd] = sum(arg0);
	self->fd = 0;
	self->size = 0;
}

syscall::open*:entry
{
	@opens[probefunc] = count();
}

proc:::exec-success
{
	printf("%d %s\n", pid, execname);
}

proc:::exit, proc:::create
{
	@lifecycle[probename] = count();
}

proc:::create
{
	printf("%d -> %d\n", pid, arg0);
}
