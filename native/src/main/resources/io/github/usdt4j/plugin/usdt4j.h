/*
 * usdt4j.h: helpers the generated JNI glue shares. Copied beside the glue at build time.
 *
 * Strings reach the tracer as real UTF-8 (not JNI's modified UTF-8), NUL-terminated, in a
 * buffer on the caller's stack: no heap allocation, nothing to free.
 */
#ifndef USDT4J_H
#define USDT4J_H

#include <jni.h>
#include <stddef.h>

/*
 * The probe site. sys/sdt.h marks each probe with a 1-byte nop, where a tracer's uprobe
 * traps (int3). On x86-64, recent Linux (6.18 has it) turns a uprobe on exactly the 5-byte nop
 * 0f 1f 44 00 00 into a call to a trampoline and a syscall, which costs less under a tracer
 * (see docs/performance.md); other kernels and every tool (bpftrace, perf, bcc, gdb,
 * systemtap) treat it like any other probe site. _SDT_NOP is expanded where a probe macro is used, so
 * this must come after the dtrace -h header has included sys/sdt.h.
 */
#if defined(__x86_64__) && defined(_SDT_NOP)
#undef _SDT_NOP
#define _SDT_NOP .nops 5
#endif

/*
 * Marks each probe's function, so the functions, and with them the probe sites and their
 * notes, stay in declaration order, the order tracers list them in: once JNI_OnLoad's table
 * takes every function's address, GCC would order them otherwise. Clang keeps source order.
 */
#if defined(__GNUC__) && !defined(__clang__)
#define USDT4J_IN_ORDER __attribute__((no_reorder))
#else
#define USDT4J_IN_ORDER
#endif

/* UTF-16 units copied out of a Java string per JNI call. */
#define USDT4J_CHUNK 64

/* A direct ByteBuffer over a probe's semaphore, for the Java-side is-enabled check. */
#define USDT4J_SEMAPHORE(env, semaphore) \
	(*(env))->NewDirectByteBuffer((env), (void *) &(semaphore), (jlong) sizeof (semaphore))

/*
 * Appends units[0..count) to out as UTF-8, where *used bytes of out's cap are taken and one
 * byte is kept for the terminating NUL.
 *
 * - A character that does not fit whole is not written: text is cut on a character boundary.
 * - A surrogate pair becomes one 4-byte character; an unpaired surrogate becomes U+FFFD.
 * - U+0000 ends the text, as it would end a C string.
 * - When more units follow (more != 0), a high surrogate at the end waits for the next call,
 *   so a caller that passes more != 0 passes at least two units, or it would make no progress.
 *
 * Returns how many units it consumed; sets *done when no more text should be appended.
 */
static inline size_t
usdt4j_append_utf8(const jchar *units, size_t count, int more, char *out, size_t cap,
    size_t *used, int *done)
{
	/* A local count: stores through out (a char *) could alias *used, which would make the
	 * compiler reload and store it for every byte. */
	size_t i = 0, n = *used, last = cap - 1;

	while (i < count) {
		unsigned long cp = units[i];
		size_t width = 1;

		/* ASCII, the common case: one byte each, nothing to check but room and U+0000. */
		if (cp - 1 < 0x7F) {
			if (n == last)
				break;
			out[n++] = (char) cp;
			i++;
			continue;
		}
		if (cp == 0) {
			*used = n;
			*done = 1;
			return i;
		}
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (i + 1 == count && more) {
				*used = n;
				return i; /* the low surrogate comes with the next units */
			}
			if (i + 1 < count && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (units[i + 1] - 0xDC00);
				width = 2;
			} else {
				cp = 0xFFFD;
			}
		} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
			cp = 0xFFFD;
		}

		if (cp < 0x800) {
			if (last - n < 2)
				break;
			out[n++] = (char) (0xC0 | (cp >> 6));
			out[n++] = (char) (0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			if (last - n < 3)
				break;
			out[n++] = (char) (0xE0 | (cp >> 12));
			out[n++] = (char) (0x80 | ((cp >> 6) & 0x3F));
			out[n++] = (char) (0x80 | (cp & 0x3F));
		} else {
			if (last - n < 4)
				break;
			out[n++] = (char) (0xF0 | (cp >> 18));
			out[n++] = (char) (0x80 | ((cp >> 12) & 0x3F));
			out[n++] = (char) (0x80 | ((cp >> 6) & 0x3F));
			out[n++] = (char) (0x80 | (cp & 0x3F));
		}
		i += width;
	}
	*used = n;
	if (i < count)
		*done = 1; /* out is full */
	return i;
}

/*
 * Copies a Java string of length UTF-16 units (String.length(), which the Java side passes:
 * asking the JVM would cost a call) into buf (cap bytes, cap >= 1) as NUL-terminated UTF-8,
 * cut on a character boundary. Returns buf, or NULL for a null string: the tracer sees a NULL
 * pointer.
 */
static inline char *
usdt4j_utf8(JNIEnv *env, jstring string, jint length, char *buf, size_t cap)
{
	jchar units[USDT4J_CHUNK];
	jsize start = 0;
	size_t used = 0;
	int done = 0;

	if (string == NULL)
		return NULL;
	while (start < length && !done) {
		jsize count = length - start < USDT4J_CHUNK ? length - start : USDT4J_CHUNK;

		(*env)->GetStringRegion(env, string, start, count, units);
		start += (jsize) usdt4j_append_utf8(units, (size_t) count, start + count < length,
		    buf, cap, &used, &done);
	}
	buf[used] = '\0';
	return buf;
}

/*
 * Binds methods to the generated class whose System.load is loading this library, and returns
 * the JNI version for JNI_OnLoad. The runtime names that class (ProviderLoader.loadingClass):
 * FindClass would initialise a class of that name if it were not the one loading, as when a
 * library sits under another provider's name. When no class is named, or RegisterNatives stops
 * at a method the class lacks (the library is not its provider's), the JVM looks up by name
 * what is left unbound, as without JNI_OnLoad; a library that is not the provider's is then
 * refused by its build id, and its probes never call native code.
 */
static inline jint
usdt4j_register(JavaVM *vm, const JNINativeMethod *methods, jint count)
{
	JNIEnv *env;
	jclass runtime;
	jmethodID loading;
	jobject clazz = NULL;

	if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8) != JNI_OK)
		return JNI_VERSION_1_8;
	runtime = (*env)->FindClass(env, "io/github/usdt4j/spi/ProviderLoader");
	if (runtime != NULL) {
		loading = (*env)->GetStaticMethodID(env, runtime, "loadingClass", "()Ljava/lang/Class;");
		if (loading != NULL)
			clazz = (*env)->CallStaticObjectMethod(env, runtime, loading);
	}
	if ((*env)->ExceptionCheck(env) || clazz == NULL
	    || (*env)->RegisterNatives(env, (jclass) clazz, methods, count) != 0)
		(*env)->ExceptionClear(env);
	if (clazz != NULL)
		(*env)->DeleteLocalRef(env, clazz);
	if (runtime != NULL)
		(*env)->DeleteLocalRef(env, runtime);
	return JNI_VERSION_1_8;
}

#endif /* USDT4J_H */
