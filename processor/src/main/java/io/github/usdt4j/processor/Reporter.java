package io.github.usdt4j.processor;

import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * Reports diagnostics on the element they concern, and on the annotation value itself where
 * the value is the problem, so an IDE underlines {@code "eventer read entry"}.
 */
final class Reporter {
    private final Messager messager;
    private int errors;

    Reporter(Messager messager) {
        this.messager = messager;
    }

    void error(String message, Element element) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    /** An error on {@code annotation}'s {@code attribute} when it is written out, else on the annotation. */
    void error(String message, Element element, AnnotationMirror annotation, String attribute) {
        errors++;
        if (annotation == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element);
            return;
        }
        Optional<AnnotationValue> value = explicitValue(annotation, attribute);
        if (value.isPresent()) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value.get());
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
        }
    }

    void warning(String message, Element element) {
        messager.printMessage(Diagnostic.Kind.WARNING, message, element);
    }

    int errorCount() {
        return errors;
    }

    static Optional<AnnotationValue> explicitValue(AnnotationMirror annotation, String attribute) {
        for (var entry : annotation.getElementValues().entrySet()) {
            ExecutableElement key = entry.getKey();
            if (key.getSimpleName().contentEquals(attribute)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }
}
