package io.github.usdt4j.processor.model;

import com.palantir.javapoet.ClassName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * Everything the writers need to know about one {@code @Provider} interface. Writers take
 * this and nothing else; the elements it holds are for diagnostics and originating elements.
 *
 * @param element the interface
 * @param annotation the {@code @Provider} on it
 * @param name the provider name ({@code libmtev})
 * @param providerInterface the interface
 * @param implementation the generated class ({@code Usdt4j_Libmtev}, same package)
 * @param probes the probes in declaration order; a probe's index is its position here
 * @param enabledChecks the is-enabled methods
 * @param stability the {@code @Stability} attributes by element ({@code provider},
 *     {@code module}, {@code function}, {@code name}, {@code args}), in that order; empty
 *     when the interface declares none
 * @param generatedAnnotation whether the interface's module reads {@code java.compiler}, whose
 *     {@code @Generated} the implementation then carries (a module that does not would fail to
 *     compile it)
 */
public record ProviderModel(
        TypeElement element,
        AnnotationMirror annotation,
        String name,
        ClassName providerInterface,
        ClassName implementation,
        List<ProbeModel> probes,
        List<EnabledCheckModel> enabledChecks,
        Map<String, String> stability,
        boolean generatedAnnotation) {

    /** The elements a {@code #pragma D attributes} line can describe, in the order written. */
    public static final List<String> STABILITY_ELEMENTS = List.of("provider", "module", "function", "name", "args");

    public ProviderModel {
        probes = List.copyOf(probes);
        enabledChecks = List.copyOf(enabledChecks);
        stability = Collections.unmodifiableMap(new LinkedHashMap<>(stability));
    }

    /** The implementation's binary name, which names its folder in the jar. */
    public String implementationBinaryName() {
        String nested = String.join("$", implementation.simpleNames());
        return implementation.packageName().isEmpty() ? nested : implementation.packageName() + "." + nested;
    }

    public Optional<ProbeModel> probeNamed(String probeName) {
        return probes.stream().filter(p -> p.name().equals(probeName)).findFirst();
    }

    /**
     * Identifies this build of the provider: the same declaration always gives the same id,
     * and any change to a name, type or limit gives another. The Java implementation and the
     * library both carry it, so a library from another build is never used.
     */
    public String buildId() {
        StringBuilder canonical = new StringBuilder("usdt4j-1\n")
                .append(name).append('\n')
                .append(implementationBinaryName()).append('\n');
        for (ProbeModel probe : probes) {
            canonical.append(probe.methodName()).append(' ').append(probe.dDeclaration());
            for (ArgumentModel argument : probe.arguments()) {
                canonical.append(' ').append(argument.kind()).append('/').append(argument.maxBytes());
            }
            canonical.append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }
}
