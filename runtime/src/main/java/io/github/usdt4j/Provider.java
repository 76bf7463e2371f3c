package io.github.usdt4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an interface as a USDT provider. Every abstract method of the interface is a
 * probe (annotated with {@link Probe}), or an is-enabled check (annotated with
 * {@link Enabled}).
 *
 * <pre>{@code
 * @Provider("libmtev")
 * public interface Libmtev {
 *     @Probe("log")
 *     void log(String facility, String file, int line, String msg);
 * }
 * }</pre>
 *
 * <p>The annotation processor generates the implementation, a D provider file and the JNI
 * glue; {@link Providers#get(Class)} returns the implementation at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Provider {
    /**
     * The provider name as tracers show it: a D identifier (letters, digits, underscores,
     * not starting with a digit), e.g. {@code "libmtev"}.
     */
    String value();

    /**
     * The most bytes of UTF-8 a string argument carries to the tracer, terminating NUL
     * excluded; longer strings are cut on a character boundary. A parameter can override
     * it with {@link DType#maxBytes()}.
     */
    int maxStringBytes() default 255;
}
