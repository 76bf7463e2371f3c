package io.github.usdt4j.processor;

import io.github.usdt4j.DType;
import io.github.usdt4j.Enabled;
import io.github.usdt4j.Probe;
import io.github.usdt4j.Provider;
import io.github.usdt4j.Stability;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads usdt4j's annotations as mirrors: the interfaces being compiled are not classes yet, so
 * their annotations are read through javac's model, by the annotation types' names.
 */
final class Annotations {
    static final String PROVIDER = Provider.class.getCanonicalName();
    static final String PROBE = Probe.class.getCanonicalName();
    static final String DTYPE = DType.class.getCanonicalName();
    static final String ENABLED = Enabled.class.getCanonicalName();
    static final String STABILITY = Stability.class.getCanonicalName();

    private Annotations() {}

    static Optional<AnnotationMirror> find(Element element, String annotationName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotationName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** The attribute's value, written out or defaulted. */
    static Object value(Elements elements, AnnotationMirror mirror, String attribute) {
        for (var entry : elements.getElementValuesWithDefaults(mirror).entrySet()) {
            ExecutableElement key = entry.getKey();
            if (key.getSimpleName().contentEquals(attribute)) {
                AnnotationValue value = entry.getValue();
                return value.getValue();
            }
        }
        throw new IllegalArgumentException("no attribute " + attribute + " on " + mirror);
    }

    static String string(Elements elements, AnnotationMirror mirror, String attribute) {
        return (String) value(elements, mirror, attribute);
    }

    static int integer(Elements elements, AnnotationMirror mirror, String attribute) {
        return (Integer) value(elements, mirror, attribute);
    }
}
