package io.github.usdt4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method of a {@link Provider} interface as the is-enabled check of a probe,
 * DTrace's {@code PROVIDER_PROBE_ENABLED()}: it returns {@code true} while a tracer is
 * attached to the probe, so a caller can skip building arguments nobody will read.
 *
 * <pre>{@code
 * @Probe("http-log")
 * void httpLog(int fd, @DType("struct mtev_http_session_ctx *") long ctx, String line);
 *
 * @Enabled("http-log")
 * boolean httpLogEnabled();
 *
 * if (PROBES.httpLogEnabled()) {
 *     PROBES.httpLog(fd, ctx, buildLogLine(request));
 * }
 * }</pre>
 *
 * <p>It costs what a disabled probe costs: one read of the probe's semaphore in Java.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Enabled {
    /**
     * The name of the probe this method checks. When empty, the method name without its
     * {@code Enabled} suffix, in dash-case: {@code httpLogEnabled} checks {@code http-log}.
     */
    String value() default "";
}
