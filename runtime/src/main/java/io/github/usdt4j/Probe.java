package io.github.usdt4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method of a {@link Provider} interface as a probe. The method returns
 * {@code void}; its parameters are the probe's arguments, {@code arg0} to {@code arg11}.
 *
 * <p>The name is written with dashes, as DTrace shows it ({@code "eventer-read-entry"}); the
 * D provider file, the ELF note, bpftrace and perf spell it with double underscores
 * ({@code eventer__read__entry}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Probe {
    /**
     * The probe name: letters, digits, underscores and single dashes. When empty, the
     * method name in dash-case: {@code cacheMiss} becomes {@code cache-miss}.
     */
    String value() default "";
}
