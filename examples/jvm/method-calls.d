#!/usr/sbin/dtrace -s
/*
 * How often each Java method is called, by class and method, in the shape of the classic
 * Java scripts. The JVM fires method-entry only with -XX:+DTraceMethodProbes.
 *
 *   dtrace -s method-calls.d -c 'java -XX:+DTraceMethodProbes -jar app.jar'
 *   dtrace -s method-calls.d -p PID        (a JVM started with the flag)
 */
#pragma D option quiet

dtrace:::BEGIN
{
	printf("Tracing... Hit Ctrl-C to end.\n");
}

hotspot$target:::method-entry
{
	/* the class and the method come as a pointer and a length, not a C string */
	this->class = (char *)copyin(arg1, arg2 + 1);
	this->class[arg2] = '\0';
	this->method = (char *)copyin(arg3, arg4 + 1);
	this->method[arg4] = '\0';
	@calls[strjoin(strjoin(stringof(this->class), "."), stringof(this->method))] = count();
}

dtrace:::END
{
	printf("%-70s %8s\n", "METHOD", "CALLS");
	printa("%-70s %@8d\n", @calls);
}
