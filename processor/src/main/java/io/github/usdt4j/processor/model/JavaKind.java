package io.github.usdt4j.processor.model;

/**
 * The Java parameter types a probe accepts, with the JNI type the native method receives and
 * the D type declared when the parameter has no {@code @DType}.
 */
public enum JavaKind {
    BOOLEAN("jboolean", "Z", "int", 1),
    BYTE("jbyte", "B", "int8_t", 1),
    SHORT("jshort", "S", "short", 2),
    CHAR("jchar", "C", "uint16_t", 2),
    INT("jint", "I", "int", 4),
    LONG("jlong", "J", "int64_t", 8),
    /** Passed as is; the glue writes it as UTF-8. */
    STRING("jstring", "Ljava/lang/String;", "char *", 0),
    /** Passed as its {@code name()}. */
    ENUM("jstring", "Ljava/lang/String;", "char *", 0),
    /** Any other reference type, passed as its {@code toString()}. */
    OBJECT("jstring", "Ljava/lang/String;", "char *", 0);

    private final String jniType;
    private final String descriptor;
    private final String defaultDType;
    private final int bytes;

    JavaKind(String jniType, String descriptor, String defaultDType, int bytes) {
        this.jniType = jniType;
        this.descriptor = descriptor;
        this.defaultDType = defaultDType;
        this.bytes = bytes;
    }

    public String jniType() {
        return jniType;
    }

    /** The type the native method receives, as a JVM descriptor spells it: {@code I}, {@code Ljava/lang/String;}. */
    public String descriptor() {
        return descriptor;
    }

    public String defaultDType() {
        return defaultDType;
    }

    /** Width of the Java value in bytes; 0 for the kinds that reach the tracer as strings. */
    public int bytes() {
        return bytes;
    }

    public boolean isText() {
        return bytes == 0;
    }
}
