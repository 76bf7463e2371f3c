#!/usr/sbin/dtrace -s
/*
 * The example application's requests that a garbage collection interrupted: the
 * application's own provider (libmtev, see src/) joined with the JVM's. Each request
 * (arg1 is its session) remembers how many collections had begun when it started; one that
 * finishes after another has begun was interrupted.
 *
 *   dtrace -s requests-during-gc.d -p PID
 */
#pragma D option quiet

libmtev$target:::http-request-start
{
	/* + 1: an array element set to 0 is freed, as in every D program */
	seen[arg1] = collections + 1;
	started[arg1] = timestamp;
}

hotspot$target:::gc-begin
{
	collections++;
}

libmtev$target:::http-response-finish
/seen[arg1] && seen[arg1] != collections + 1/
{
	printf("request on session 0x%x took %d us and was interrupted by %d collection(s)\n", arg1,
	    (timestamp - started[arg1]) / 1000, collections + 1 - seen[arg1]);
	@interrupted = count();
}

libmtev$target:::http-response-finish
{
	seen[arg1] = 0;
	started[arg1] = 0;
}
