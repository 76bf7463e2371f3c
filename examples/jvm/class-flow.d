#!/usr/sbin/dtrace -s
/*
 * The flow of calls into and out of the methods of one class, indented by depth.
 * Needs -XX:+DTraceMethodProbes. The class is the first argument, as the JVM spells it:
 *
 *   dtrace -s class-flow.d -c 'java -XX:+DTraceMethodProbes -jar app.jar' com/example/Shop
 */
#pragma D option quiet

hotspot$target:::method-entry
/copyinstr(arg1, arg2) == $$1/
{
	self->depth++;
	this->method = (char *)copyin(arg3, arg4 + 1);
	this->method[arg4] = '\0';
	printf("%3d %6d %*s-> %s\n", cpu, tid, self->depth * 2, "", stringof(this->method));
}

hotspot$target:::method-return
/copyinstr(arg1, arg2) == $$1 && self->depth > 0/
{
	this->method = (char *)copyin(arg3, arg4 + 1);
	this->method[arg4] = '\0';
	printf("%3d %6d %*s<- %s\n", cpu, tid, self->depth * 2, "", stringof(this->method));
	self->depth--;
}
