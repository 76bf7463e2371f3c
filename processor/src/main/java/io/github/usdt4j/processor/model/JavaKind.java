package io.github.usdt4j.processor.model;

/**
 * The Java parameter types a probe accepts, with the JNI type the native method receives and
 * the D type declared when the parameter has no {@code @DType}.
 */
public enum JavaKind {
    BOOLEAN("jboolean", "int", 1, false),
    BYTE("jbyte", "int8_t", 1, true),
    SHORT("jshort", "short", 2, true),
    CHAR("jchar", "uint16_t", 2, false),
    INT("jint", "int", 4, true),
    LONG("jlong", "int64_t", 8, true),
    /** Passed as is; the glue writes it as UTF-8. */
    STRING("jstring", "char *", 0, false),
    /** Passed as its {@code name()}. */
    ENUM("jstring", "char *", 0, false),
    /** Any other reference type, passed as its {@code toString()}. */
    OBJECT("jstring", "char *", 0, false);

    private final String jniType;
    private final String defaultDType;
    private final int bytes;
    private final boolean signed;

    JavaKind(String jniType, String defaultDType, int bytes, boolean signed) {
        this.jniType = jniType;
        this.defaultDType = defaultDType;
        this.bytes = bytes;
        this.signed = signed;
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

    public boolean signed() {
        return signed;
    }

    public boolean isText() {
        return bytes == 0;
    }
}
