/*
 * One of each construct the front-end lowers: thread-locals, clause-locals, associative
 * arrays with tuple keys, every aggregating function, printf and printa, casts, ?:, string
 * comparison, BEGIN, END and a tick.
 */
inline int LIMIT = 100;

BEGIN
{
	printf("tracing %s\n", "libmtev");
	start = timestamp;
}

libmtev*:::eventer-read-entry
{
	self->fd = args[0];
	self->ts = timestamp;
}

libmtev*:::eventer-read-return
/self->ts && args[0] == self->fd/
{
	this->took = timestamp - self->ts;
	this->size = (int)arg5 > 0 ? (int)arg5 : 0;
	@reads[execname, pid] = count();
	@bytes = sum(this->size);
	@mean = avg(this->size);
	@spread = stddev(this->size);
	@least = min(this->size);
	@most = max(this->size);
	@latency = quantize(this->took / 1000);
	@sizes = lquantize(this->size, 0, LIMIT, 10);
	@orders = llquantize(this->took, 10, 3, 6, 10);
	seen[pid, args[0]]++;
	self->ts = 0;
}

libmtev$target:::log
/copyinstr(arg0) == "http"/
{
	printf("%Y %-8s %s:%d %s\n", walltimestamp, copyinstr(arg0), copyinstr(arg1), args[2], copyinstr(arg3));
}

tick-1sec
{
	printa("%-30s %8d %@10d\n", @reads);
	normalize(@bytes, 1024);
	clear(@reads);
}

END
{
	trace(timestamp - start);
	trunc(@sizes);
}
