package io.github.usdt4j.processor.model;

import com.palantir.javapoet.TypeName;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.VariableElement;

/**
 * One probe argument.
 *
 * @param element the parameter, for diagnostics only
 * @param javaName the Java parameter name
 * @param javaType the Java type, as the implementation declares it
 * @param kind how the value crosses into C
 * @param dType the D type declared in the provider file ({@code size_t}, {@code char *})
 * @param dName the name in the provider file and the glue: the Java name, renamed when it is
 *     a D or C reserved word
 * @param maxBytes for text arguments, the most UTF-8 bytes carried (NUL excluded); else 0
 * @param dTypeAnnotation the {@code @DType} on the parameter, or null; for diagnostics only
 * @param maxBytesDeclared whether {@code @DType} writes out {@code maxBytes}, which only text may
 */
public record ArgumentModel(
        VariableElement element,
        String javaName,
        TypeName javaType,
        JavaKind kind,
        String dType,
        String dName,
        int maxBytes,
        AnnotationMirror dTypeAnnotation,
        boolean maxBytesDeclared) {}
