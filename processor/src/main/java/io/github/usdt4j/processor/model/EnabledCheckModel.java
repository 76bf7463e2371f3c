package io.github.usdt4j.processor.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;

/**
 * An is-enabled check: a method that returns whether a tracer is attached to a probe.
 *
 * @param element the method, for diagnostics only
 * @param annotation the {@code @Enabled} on it, for diagnostics only
 * @param methodName the Java method name
 * @param probeName the name of the probe it checks
 */
public record EnabledCheckModel(
        ExecutableElement element, AnnotationMirror annotation, String methodName, String probeName) {}
