/*
 * Calls every JNI function of the crosstest provider (CrossPlatformLinkTest's source) the way
 * the JVM would, on a platform this machine can only emulate: no JVM runs under qemu-user
 * here, so this program stands in for it with a JNIEnv that has just the functions the glue
 * may use. Any other JNI call jumps to NULL and crashes the harness, which fails the test.
 *
 * It prints each semaphore's offset in the library (the test compares it with the probe
 * notes), raises it as a tracer's kernel would, then fires every probe once with fixed
 * values; a debugger attached at the probe sites reads what a tracer would read.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "t_Usdt4j_Probes.h"

#define PROBES 5

/* A Java string, as the fake JNIEnv below hands it out: UTF-16 units and their count (the
 * generated Java passes the count with the string, so the glue never asks for it). */
struct java_string {
	jsize length;
	const jchar *units;
};

static void JNICALL
get_string_region(JNIEnv *env, jstring string, jsize start, jsize count, jchar *out)
{
	(void) env;
	memcpy(out, ((const struct java_string *) string)->units + start, (size_t) count * sizeof (jchar));
}

static const char *build_id;

static jstring JNICALL
new_string_utf(JNIEnv *env, const char *utf)
{
	(void) env;
	build_id = utf;
	return (jstring) &build_id;
}

static void *buffer_address;
static jlong buffer_capacity;

static jobject JNICALL
new_direct_byte_buffer(JNIEnv *env, void *address, jlong capacity)
{
	(void) env;
	buffer_address = address;
	buffer_capacity = capacity;
	return (jobject) &buffer_address;
}

static size_t
units_of(const char *ascii, jchar *units)
{
	size_t n = strlen(ascii);

	for (size_t i = 0; i < n; i++)
		units[i] = (jchar) ascii[i];
	return n;
}

int
main(void)
{
	struct JNINativeInterface_ functions;
	const struct JNINativeInterface_ *table = &functions;
	JNIEnv *env = &table;
	Dl_info library;

	memset(&functions, 0, sizeof functions);
	functions.GetStringRegion = get_string_region;
	functions.NewStringUTF = new_string_utf;
	functions.NewDirectByteBuffer = new_direct_byte_buffer;

	if (dladdr((void *) Java_t_Usdt4j_1Probes_fire_1none, &library) == 0) {
		fprintf(stderr, "dladdr found no library\n");
		return 1;
	}
	for (jint probe = 0; probe < PROBES; probe++) {
		buffer_address = NULL;
		if (Java_t_Usdt4j_1Probes_usdt4j_00024semaphore(env, NULL, probe) == NULL) {
			fprintf(stderr, "no semaphore for probe %d\n", (int) probe);
			return 1;
		}
		printf("semaphore %d %#lx %ld\n", (int) probe,
		    (unsigned long) ((char *) buffer_address - (char *) library.dli_fbase), (long) buffer_capacity);
		*(volatile unsigned short *) buffer_address = 1;
	}
	if (Java_t_Usdt4j_1Probes_usdt4j_00024semaphore(env, NULL, PROBES) != NULL) {
		fprintf(stderr, "a semaphore for probe %d, which does not exist\n", PROBES);
		return 1;
	}
	Java_t_Usdt4j_1Probes_usdt4j_00024buildId(env, NULL);
	printf("build %s\n", build_id);

	Java_t_Usdt4j_1Probes_fire_1numbers(env, NULL, JNI_TRUE, -5, -300, 0xE9, -70000, -5000000000LL);
	Java_t_Usdt4j_1Probes_fire_1unsigned(env, NULL, (jbyte) 0xF0, (jshort) 0xFFFE, (jint) 0xFFFFFFF0,
	    123456789012LL, 0x7F0000001234LL);

	/* 63 ASCII units, then a surrogate pair that the glue's 64-unit chunks split, then é. */
	jchar long_units[80];
	size_t n = units_of("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk", long_units);
	long_units[n++] = 0xD83D;
	long_units[n++] = 0xDE00;
	long_units[n++] = 0xE9;
	struct java_string accented = { (jsize) n, long_units };
	jchar ascii_units[32];
	struct java_string ascii = { (jsize) units_of("GET /index.html", ascii_units), ascii_units };
	/* Five é (two bytes each) into eight bytes: four fit, and the cut falls between characters. */
	const jchar cut_units[] = { 0xE9, 0xE9, 0xE9, 0xE9, 0xE9 };
	struct java_string cut = { 5, cut_units };
	jchar object_units[32];
	struct java_string object = { (jsize) units_of("Widget@1f", object_units), object_units };
	jchar colour_units[8];
	struct java_string colour = { (jsize) units_of("RED", colour_units), colour_units };
	/* An unpaired surrogate becomes U+FFFD; U+0000 ends the text, as it would end a C string. */
	const jchar odd_units[] = { 'a', 0xD800, 'b', 0, 'c' };
	struct java_string odd = { 5, odd_units };
	/* Each text with its length, as String.length() gives it; a null one with 0. */
	Java_t_Usdt4j_1Probes_fire_1text(env, NULL, (jstring) &ascii, ascii.length, (jstring) &accented, accented.length,
	    (jstring) &cut, cut.length, NULL, 0, (jstring) &object, object.length, (jstring) &colour, colour.length,
	    (jstring) &odd, odd.length);

	Java_t_Usdt4j_1Probes_fire_1wide(env, NULL, -1, 0xFFFF, 3, -4, 5, -6, 7, -8, 9, -10, 11000000000LL, -12);
	Java_t_Usdt4j_1Probes_fire_1none(env, NULL);
	printf("done\n");
	return 0;
}
