provider cbench {
	/* at sys/sdt.h's own probe site, a 1-byte nop */
	probe fire(int value);
	/* at the 5-byte nop usdt4j's glue uses (usdt4j.h) */
	probe fire5(int value);
};
