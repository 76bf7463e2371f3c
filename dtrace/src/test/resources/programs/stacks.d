/*
 * ustack() as an action and as an aggregation's key, alone and beside another key.
 */
libmtev*:::eventer-read-entry
{
	@stacks[ustack(5)] = count();
	@[probename, ustack()] = count();
	ustack(3);
}
