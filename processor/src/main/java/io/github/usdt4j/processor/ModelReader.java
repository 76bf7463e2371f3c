package io.github.usdt4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.processor.model.ArgumentModel;
import io.github.usdt4j.processor.model.DTypes;
import io.github.usdt4j.processor.model.EnabledCheckModel;
import io.github.usdt4j.processor.model.JavaKind;
import io.github.usdt4j.processor.model.Limits;
import io.github.usdt4j.processor.model.ProbeModel;
import io.github.usdt4j.processor.model.ProviderModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @Provider} interface into a {@link ProviderModel}, reporting what only the
 * elements can tell: the kind of type, method shapes, and parameter types. Name and
 * consistency rules are the {@link Validator}'s.
 */
final class ModelReader {
    private final Elements elements;
    private final Types types;
    private final Reporter reporter;

    ModelReader(ProcessingEnvironment env, Reporter reporter) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.reporter = reporter;
    }

    /** The model, or empty when the element cannot be a provider at all. */
    Optional<ProviderModel> read(Element element) {
        AnnotationMirror annotation = Annotations.find(element, Annotations.PROVIDER).orElseThrow();
        if (element.getKind() != ElementKind.INTERFACE) {
            reporter.error(Messages.notAnInterface(describe(element.getKind())), element, annotation, "value");
            return Optional.empty();
        }
        TypeElement type = (TypeElement) element;
        boolean usable = true;
        if (type.getModifiers().contains(Modifier.PRIVATE)) {
            reporter.error(Messages.privateInterface(), type);
            usable = false;
        }
        if (!type.getTypeParameters().isEmpty()) {
            reporter.error(Messages.genericInterface(), type);
            usable = false;
        }
        String providerName = Annotations.string(elements, annotation, "value");
        int providerMaxBytes = Annotations.integer(elements, annotation, "maxStringBytes");
        if (providerMaxBytes < 1 || providerMaxBytes > Limits.MAX_STRING_BYTES) {
            reporter.error(Messages.maxBytesOutOfRange(providerMaxBytes), type, annotation, "maxStringBytes");
            providerMaxBytes = 1;
        }

        List<ProbeModel> probes = new ArrayList<>();
        List<EnabledCheckModel> checks = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
                continue; // default, static and private methods are helpers, not probes
            }
            Optional<AnnotationMirror> probe = Annotations.find(method, Annotations.PROBE);
            Optional<AnnotationMirror> enabled = Annotations.find(method, Annotations.ENABLED);
            if (probe.isPresent() && enabled.isPresent()) {
                reporter.error(Messages.bothAnnotations(), method);
            } else if (enabled.isPresent()) {
                readEnabledCheck(method, enabled.get()).ifPresent(checks::add);
            } else if (probe.isPresent()) {
                readProbe(method, probe.get(), providerMaxBytes).ifPresent(probes::add);
            } else {
                reporter.error(Messages.missingProbeAnnotation(), method);
            }
        }
        ClassName providerInterface = ClassName.get(type);
        ClassName implementation = ClassName.get(providerInterface.packageName(),
                GeneratedLayout.implementationSimpleName(providerInterface.simpleNames()));
        Map<String, String> stability = new LinkedHashMap<>();
        Optional<AnnotationMirror> stabilityAnnotation = Annotations.find(type, Annotations.STABILITY);
        if (stabilityAnnotation.isPresent()) {
            for (String part : ProviderModel.STABILITY_ELEMENTS) {
                String attributes = Annotations.string(elements, stabilityAnnotation.get(), part).trim();
                Optional<String> problem = StabilityAttributes.problem(attributes);
                if (problem.isPresent()) {
                    reporter.error(Messages.badStability(part, attributes, problem.get()), type,
                            stabilityAnnotation.get(), part);
                    usable = false;
                }
                stability.put(part, attributes);
            }
        }
        return usable
                ? Optional.of(new ProviderModel(type, annotation, providerName, providerInterface,
                        implementation, probes, checks, stability, readsJavaCompiler(type)))
                : Optional.empty();
    }

    /**
     * Whether the interface's module reads {@code java.compiler}, home of
     * {@code javax.annotation.processing.Generated}: on the class path it does; a named module
     * does when it requires {@code java.compiler} (even {@code static}) or {@code java.se}.
     */
    private boolean readsJavaCompiler(TypeElement type) {
        if (elements.getTypeElement("javax.annotation.processing.Generated") == null) {
            return false;
        }
        ModuleElement module = elements.getModuleOf(type);
        if (module == null || module.isUnnamed()) {
            return true;
        }
        for (ModuleElement.RequiresDirective requires : ElementFilter.requiresIn(module.getDirectives())) {
            String name = requires.getDependency().getQualifiedName().toString();
            if (name.equals("java.compiler") || name.equals("java.se")) {
                return true;
            }
        }
        return false;
    }

    private Optional<ProbeModel> readProbe(ExecutableElement method, AnnotationMirror annotation, int providerMaxBytes) {
        boolean usable = true;
        if (method.getReturnType().getKind() != TypeKind.VOID) {
            reporter.error(Messages.probeReturnsValue(method.getReturnType().toString()), method);
            usable = false;
        }
        if (!method.getTypeParameters().isEmpty()) {
            reporter.error(Messages.genericProbe(), method);
            usable = false;
        }
        if (!method.getThrownTypes().isEmpty()) {
            reporter.error(Messages.probeThrows(), method);
            usable = false;
        }
        if (method.isVarArgs()) {
            reporter.error(Messages.varargsProbe(), method);
            usable = false;
        }
        List<ArgumentModel> arguments = new ArrayList<>();
        List<? extends VariableElement> parameters = method.getParameters();
        if (method.isVarArgs()) {
            // its array is what the varargs error is about: a second error on it would be noise
            parameters = parameters.subList(0, parameters.size() - 1);
        }
        for (VariableElement parameter : parameters) {
            Optional<ArgumentModel> argument = readArgument(parameter, providerMaxBytes);
            if (argument.isPresent()) {
                arguments.add(argument.get());
            } else {
                usable = false;
            }
        }
        String explicitName = Annotations.string(elements, annotation, "value");
        String methodName = method.getSimpleName().toString();
        String name = explicitName.isEmpty() ? Names.dashCase(methodName) : explicitName;
        return usable
                ? Optional.of(new ProbeModel(method, annotation, name, methodName, arguments))
                : Optional.empty();
    }

    private Optional<ArgumentModel> readArgument(VariableElement parameter, int providerMaxBytes) {
        TypeMirror type = parameter.asType();
        Optional<JavaKind> kind = kindOf(type);
        if (kind.isEmpty()) {
            boolean floating = type.getKind() == TypeKind.FLOAT || type.getKind() == TypeKind.DOUBLE
                    || isBoxed(type, "java.lang.Float") || isBoxed(type, "java.lang.Double");
            reporter.error(floating ? Messages.floatingPoint(type.toString()) : Messages.unsupportedType(type.toString()),
                    parameter);
            return Optional.empty();
        }
        String dType = kind.get().defaultDType();
        int maxBytes = kind.get().isText() ? providerMaxBytes : 0;
        Optional<AnnotationMirror> dTypeAnnotation = Annotations.find(parameter, Annotations.DTYPE);
        if (dTypeAnnotation.isPresent()) {
            String declared = Annotations.string(elements, dTypeAnnotation.get(), "value");
            if (!declared.isBlank()) {
                dType = DTypes.normalize(declared);
            }
            int declaredMax = Annotations.integer(elements, dTypeAnnotation.get(), "maxBytes");
            if (declaredMax != -1) {
                maxBytes = declaredMax;
            }
        }
        String javaName = parameter.getSimpleName().toString();
        boolean maxBytesDeclared = dTypeAnnotation.isPresent()
                && Reporter.explicitValue(dTypeAnnotation.get(), "maxBytes").isPresent();
        return Optional.of(new ArgumentModel(parameter, javaName, TypeName.get(type), kind.get(), dType,
                Names.dParameterName(javaName), maxBytes, dTypeAnnotation.orElse(null), maxBytesDeclared));
    }

    private Optional<JavaKind> kindOf(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN:
                return Optional.of(JavaKind.BOOLEAN);
            case BYTE:
                return Optional.of(JavaKind.BYTE);
            case SHORT:
                return Optional.of(JavaKind.SHORT);
            case CHAR:
                return Optional.of(JavaKind.CHAR);
            case INT:
                return Optional.of(JavaKind.INT);
            case LONG:
                return Optional.of(JavaKind.LONG);
            case DECLARED:
                break;
            default:
                return Optional.empty(); // float, double, arrays, type variables
        }
        if (isBoxed(type, "java.lang.Float") || isBoxed(type, "java.lang.Double")) {
            return Optional.empty();
        }
        if (isBoxed(type, "java.lang.String")) {
            return Optional.of(JavaKind.STRING);
        }
        Element element = ((DeclaredType) type).asElement();
        if (element.getKind() == ElementKind.ENUM) {
            return Optional.of(JavaKind.ENUM);
        }
        return Optional.of(JavaKind.OBJECT);
    }

    private boolean isBoxed(TypeMirror type, String className) {
        TypeElement element = elements.getTypeElement(className);
        return element != null && types.isSameType(type, element.asType());
    }

    private Optional<EnabledCheckModel> readEnabledCheck(ExecutableElement method, AnnotationMirror annotation) {
        if (method.getReturnType().getKind() != TypeKind.BOOLEAN || !method.getParameters().isEmpty()
                || !method.getTypeParameters().isEmpty() || !method.getThrownTypes().isEmpty()) {
            reporter.error(Messages.enabledSignature(), method);
            return Optional.empty();
        }
        String methodName = method.getSimpleName().toString();
        String probeName = Annotations.string(elements, annotation, "value");
        if (probeName.isEmpty()) {
            String base = methodName.endsWith("Enabled")
                    ? methodName.substring(0, methodName.length() - "Enabled".length())
                    : methodName;
            probeName = Names.dashCase(base);
        }
        return Optional.of(new EnabledCheckModel(method, annotation, methodName, probeName));
    }

    private static String describe(ElementKind kind) {
        switch (kind) {
            case CLASS:
                return "a class";
            case ENUM:
                return "an enum";
            case RECORD:
                return "a record";
            case ANNOTATION_TYPE:
                return "an annotation type";
            default:
                return "a " + kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
