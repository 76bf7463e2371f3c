/*
 * Latency of each HTTP request in microseconds, start to finish (DTrace).
 *
 *   dtrace -s request-latency.d      (Ctrl-C prints the histogram)
 */
#pragma D option quiet

libmtev*:::http-request-start
{
	start[pid, arg1] = timestamp;
}

libmtev*:::http-response-finish
/start[pid, arg1]/
{
	@latency_us = quantize((timestamp - start[pid, arg1]) / 1000);
	start[pid, arg1] = 0;
}
