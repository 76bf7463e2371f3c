/*
 * Strings as the classic Java scripts build them: copyin of a pointer and a length, cut
 * with '\0' and read with stringof; strjoin into a clause-local, then printed and used as a
 * key (a plain string under the same key is padded to as many strings).
 */
#pragma D option quiet

libmtev*:::eventer-callback-entry
{
	this->name = (char *)copyin(arg2, 64);
	this->name[16] = '\0';
	this->full = strjoin(strjoin("cb", ":"), stringof(this->name));
	@calls[this->full, pid] = count();
	@calls[copyinstr(arg2), pid] = count();
	printf("%s %s\n", this->full, (string)this->name);
	trace(strjoin(execname, "!"));
}

libmtev*:::http-log
/strlen(copyinstr(arg2)) > 10/
{
	this->line = (char *)copyin(arg2, 40);
	this->line[30] = '\0';
	@lengths = quantize(strlen(copyinstr(arg2, 20)) + strlen("héllo"));
	printf("%d %d\n", strlen(stringof(this->line)), strlen(strjoin(copyinstr(arg2), "!")));
}
