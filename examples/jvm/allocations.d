#!/usr/sbin/dtrace -s
/*
 * Objects allocated, by class: how many, how many bytes, and the distribution of their
 * sizes. The JVM fires object-alloc only with -XX:+DTraceAllocProbes.
 *
 *   dtrace -s allocations.d -c 'java -XX:+DTraceAllocProbes -jar app.jar'
 */
#pragma D option quiet

hotspot$target:::object-alloc
{
	this->class = (char *)copyin(arg1, arg2 + 1);
	this->class[arg2] = '\0';
	@objects[stringof(this->class)] = count();
	@bytes[stringof(this->class)] = sum(arg3);
	@sizes[stringof(this->class)] = quantize(arg3);
}

dtrace:::END
{
	printf("%-60s %10s %12s\n", "CLASS", "OBJECTS", "BYTES");
	printa("%-60s %@10d %@12d\n", @objects, @bytes);
	printa(@sizes);
}
