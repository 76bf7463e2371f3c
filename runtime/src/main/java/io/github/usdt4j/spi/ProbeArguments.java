package io.github.usdt4j.spi;

/**
 * Conversions of probe arguments that happen in Java, only once a probe is enabled.
 *
 * <p>Generated code only; not an API for applications.
 */
public final class ProbeArguments {
    /** What the tracer sees when an argument's {@code toString()} throws. */
    public static final String TO_STRING_FAILED = "<toString() failed>";

    private ProbeArguments() {}

    /**
     * {@code String.valueOf(value)} that never throws: {@code null} stays {@code null} (the
     * tracer sees a NULL pointer), and a {@code toString()} that throws or returns
     * {@code null} gives {@link #TO_STRING_FAILED} or {@code null}.
     */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return value.toString();
        } catch (Throwable e) { // a probe never throws into the caller, whatever toString does
            return TO_STRING_FAILED;
        }
    }

    /**
     * The length of {@code text} in UTF-16 units, 0 for {@code null}: passed to the glue with
     * the text, which then makes one call back into the JVM fewer.
     */
    public static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /** The enum constant's name, or {@code null}. */
    public static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
