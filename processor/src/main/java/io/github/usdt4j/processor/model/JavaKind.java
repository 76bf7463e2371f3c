package io.github.usdt4j.processor.model;

/**
 * The Java parameter types a probe accepts, with the JNI type the native method receives and
 * the D type declared when the parameter has no {@code @DType}.
 */
public enum JavaKind {
    BOOLEAN("jboolean", "int", 1),
    BYTE("jbyte", "int8_t", 1),
    SHORT("jshort", "short", 2),
    CHAR("jchar", "uint16_t", 2),
    INT("jint", "int", 4),
    LONG("jlong", "int64_t", 8),
    /** Passed as is; the glue writes it as UTF-8. */
    STRING("jstring", "char *", 0),
    /** Passed as its {@code name()}. */
    ENUM("jstring", "char *", 0),
    /** Any other reference type, passed as its {@code toString()}. */
    OBJECT("jstring", "char *", 0);

    private final String jniType;
    private final String defaultDType;
    private final int bytes;

    JavaKind(String jniType, String defaultDType, int bytes) {
        this.jniType = jniType;
        this.defaultDType = defaultDType;
        this.bytes = bytes;
    }

    public String jniType() {
        return jniType;
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
