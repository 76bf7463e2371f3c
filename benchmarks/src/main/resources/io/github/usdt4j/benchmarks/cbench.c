/* The C side of the benchmarks' comparisons: see CProbes.java. */
#include <jni.h>
#include "cbench.h"

JNIEXPORT void JNICALL
Java_io_github_usdt4j_benchmarks_CProbes_jniCheck(JNIEnv *env, jclass clazz, jint value)
{
	(void) env;
	(void) clazz;
	if (CBENCH_FIRE_ENABLED())
		CBENCH_FIRE(value);
}

JNIEXPORT void JNICALL
Java_io_github_usdt4j_benchmarks_CProbes_fireLoop(JNIEnv *env, jclass clazz, jint count)
{
	(void) env;
	(void) clazz;
	for (jint i = 0; i < count; i++) {
		if (CBENCH_FIRE_ENABLED())
			CBENCH_FIRE(i);
	}
}

/* From here on, probe sites are the 5-byte nop usdt4j's glue uses (see usdt4j.h). */
#undef _SDT_NOP
#define _SDT_NOP .nops 5

JNIEXPORT void JNICALL
Java_io_github_usdt4j_benchmarks_CProbes_fireLoop5(JNIEnv *env, jclass clazz, jint count)
{
	(void) env;
	(void) clazz;
	for (jint i = 0; i < count; i++) {
		if (CBENCH_FIRE5_ENABLED())
			CBENCH_FIRE5(i);
	}
}
