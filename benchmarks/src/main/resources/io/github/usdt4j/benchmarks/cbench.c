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
