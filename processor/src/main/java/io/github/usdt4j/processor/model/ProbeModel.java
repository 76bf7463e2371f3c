package io.github.usdt4j.processor.model;

import io.github.usdt4j.catalogue.ProbeNames;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;

/**
 * One probe.
 *
 * @param element the method, for diagnostics only
 * @param annotation the {@code @Probe} on it, for diagnostics only
 * @param name the probe name with dashes, as DTrace shows it ({@code eventer-read-entry})
 * @param methodName the Java method name
 * @param arguments the probe's arguments, {@code arg0} first
 */
public record ProbeModel(
        ExecutableElement element,
        AnnotationMirror annotation,
        String name,
        String methodName,
        List<ArgumentModel> arguments) {

    public ProbeModel {
        arguments = List.copyOf(arguments);
    }

    /** The name in the provider file, the ELF note, bpftrace and perf: {@code eventer__read__entry}. */
    public String dName() {
        return ProbeNames.elfName(name);
    }

    /** The native method that fires the probe: {@code fire_eventer__read__entry}. */
    public String nativeMethodName() {
        return "fire_" + dName();
    }

    /**
     * The native method's descriptor, {@code (Ljava/lang/String;IJ)V}: each argument as the
     * native receives it, a text (any reference type, converted in Java) followed by its length
     * in UTF-16 units.
     */
    public String nativeMethodDescriptor() {
        StringBuilder descriptor = new StringBuilder("(");
        for (ArgumentModel argument : arguments()) {
            descriptor.append(argument.kind().descriptor()).append(argument.kind().isText() ? "I" : "");
        }
        return descriptor.append(")V").toString();
    }

    /** The probe as the provider file declares it: {@code log(char *facility, int line)}. */
    public String dDeclaration() {
        return dName() + "(" + arguments.stream()
                .map(a -> ProbeNames.dParameter(a.dType(), a.dName()))
                .collect(Collectors.joining(", ")) + ")";
    }
}
