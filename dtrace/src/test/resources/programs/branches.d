/*
 * if and else (with an else-if chain and a one-statement branch), output inside a branch,
 * and trunc with a count.
 */
#pragma D option quiet

libmtev*:::eventer-read-return
{
	if (arg5 < 0) {
		@errors[execname] = count();
		printf("read failed: %d\n", (int)arg5);
	} else if (arg5 == 0)
		@empty = count();
	else {
		this->size = (int)arg5;
		@sizes[execname] = sum(this->size);
	}
}

END
{
	trunc(@sizes, 5);
	trunc(@errors, -1);
}
