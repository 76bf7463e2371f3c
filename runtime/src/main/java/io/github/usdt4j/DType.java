package io.github.usdt4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the D type a probe argument is declared with, as a C programmer would write it
 * in the provider file: {@code "size_t"}, {@code "void *"},
 * {@code "struct mtev_http_session_ctx *"}.
 *
 * <p>Pointer types and {@code size_t} go on a {@code long} parameter (the tracer sees its
 * value as the address or size); integer types go on an integer parameter at least as wide
 * as the Java type; {@code char *} goes on a {@code String}, an enum or any other object.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface DType {
    /** The D type, e.g. {@code "size_t"}. Empty keeps the default for the Java type. */
    String value() default "";

    /**
     * For a string argument: the most bytes of UTF-8 it carries, terminating NUL excluded.
     * {@code -1} (the default) takes the provider's {@link Provider#maxStringBytes()}.
     */
    int maxBytes() default -1;
}
