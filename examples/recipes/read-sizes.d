/*
 * Sizes of the eventer's reads, 0 to 200 bytes in steps of 20 (DTrace).
 *
 *   dtrace -s read-sizes.d      (Ctrl-C prints the histogram)
 */
#pragma D option quiet

libmtev*:::eventer-read-return
/(int)arg5 > 0/
{
	@read_bytes = lquantize((int)arg5, 0, 200, 20);
}
