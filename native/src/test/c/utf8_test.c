/*
 * Tests of usdt4j.h's UTF-16 to UTF-8 conversion, built with AddressSanitizer and
 * UndefinedBehaviorSanitizer: every case runs on buffers sized exactly, so a read or write
 * one byte outside them stops the test. Prints "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "usdt4j.h"

static int passed, failed;

/* Converts units[0..count) in chunks of `chunk` into a heap buffer of exactly cap bytes. */
static void
check(const char *name, const jchar *units, size_t count, size_t cap, size_t chunk, const char *expected)
{
	char *out = malloc(cap);
	jchar *copy = malloc((count ? count : 1) * sizeof (jchar));
	size_t used = 0, start = 0;
	int done = 0;

	memcpy(copy, units, count * sizeof (jchar));
	while (start < count && !done) {
		size_t n = count - start < chunk ? count - start : chunk;
		start += usdt4j_append_utf8(copy + start, n, start + n < count, out, cap, &used, &done);
	}
	out[used] = '\0';
	if (strcmp(out, expected) == 0) {
		passed++;
	} else {
		failed++;
		printf("FAIL %s: got \"%s\", expected \"%s\"\n", name, out, expected);
	}
	free(copy);
	free(out);
}

int
main(void)
{
	static const jchar ascii[] = { 'a', 'b', 'c' };
	static const jchar umlauts[] = { 'g', 'r', 0xFC, 0xDF, 'e' };
	static const jchar euros[] = { 'a', 'b', 0x20AC, 0x20AC, 0x20AC, 0x20AC };
	static const jchar rockets[] = { 0xD83D, 0xDE80, 0xD83D, 0xDE80, 0xD83D, 0xDE80 };
	static const jchar lone_high[] = { 'a', 0xD800, 'b' };
	static const jchar lone_low[] = { 0xDC00 };
	static const jchar high_at_end[] = { 'a', 0xD800 };
	static const jchar reversed[] = { 0xDE80, 0xD83D };
	static const jchar nul[] = { 'a', 'b', 0, 'c' };
	jchar *big;
	char *expected;
	size_t i;

	check("ascii", ascii, 3, 16, 64, "abc");
	check("ascii cut", ascii, 3, 3, 64, "ab");
	check("empty", ascii, 0, 1, 64, "");
	check("one byte buffer", ascii, 3, 1, 64, "");
	check("two-byte characters", umlauts, 5, 16, 64, "gr\xC3\xBC\xC3\x9F" "e");
	check("two-byte cut", umlauts, 5, 4, 64, "gr");
	check("euros cut on a boundary", euros, 6, 11, 64, "ab\xE2\x82\xAC\xE2\x82\xAC");
	check("rockets", rockets, 6, 13, 64, "\xF0\x9F\x9A\x80\xF0\x9F\x9A\x80\xF0\x9F\x9A\x80");
	check("rockets cut on a boundary", rockets, 6, 11, 64, "\xF0\x9F\x9A\x80\xF0\x9F\x9A\x80");
	check("pair split across chunks of 2", rockets, 6, 13, 2, "\xF0\x9F\x9A\x80\xF0\x9F\x9A\x80\xF0\x9F\x9A\x80");
	check("pair split across chunks of 3", rockets, 6, 13, 3, "\xF0\x9F\x9A\x80\xF0\x9F\x9A\x80\xF0\x9F\x9A\x80");
	check("lone high surrogate", lone_high, 3, 16, 64, "a\xEF\xBF\xBD" "b");
	check("lone low surrogate", lone_low, 1, 16, 64, "\xEF\xBF\xBD");
	check("high surrogate at the end", high_at_end, 2, 16, 64, "a\xEF\xBF\xBD");
	check("reversed pair", reversed, 2, 16, 64, "\xEF\xBF\xBD\xEF\xBF\xBD");
	check("embedded NUL ends the text", nul, 4, 16, 64, "ab");

	/* A megabyte of supplementary characters into the largest buffer the glue allows. */
	big = malloc(1 << 20);
	for (i = 0; i < (1 << 19); i += 2) {
		big[i] = 0xD83D;
		big[i + 1] = 0xDE80;
	}
	expected = malloc(4096);
	for (i = 0; i + 4 <= 4095; i += 4)
		memcpy(expected + i, "\xF0\x9F\x9A\x80", 4);
	expected[i] = '\0';
	check("a megabyte of rockets", big, 1 << 19, 4096, USDT4J_CHUNK, expected);
	free(expected);
	free(big);

	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
