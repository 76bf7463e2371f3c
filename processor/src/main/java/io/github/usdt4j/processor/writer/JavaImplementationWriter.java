package io.github.usdt4j.processor.writer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.usdt4j.processor.ProviderProcessor;
import io.github.usdt4j.processor.model.ArgumentModel;
import io.github.usdt4j.processor.model.EnabledCheckModel;
import io.github.usdt4j.processor.model.JavaKind;
import io.github.usdt4j.processor.model.ProbeModel;
import io.github.usdt4j.processor.model.ProviderModel;
import io.github.usdt4j.spi.ProbeArguments;
import io.github.usdt4j.spi.ProbeSemaphore;
import io.github.usdt4j.spi.ProbeSemaphores;
import io.github.usdt4j.spi.ProviderLoader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the implementation of a provider interface. Each probe method reads its semaphore
 * and calls native code only while a tracer is attached; arguments are converted only then.
 */
public final class JavaImplementationWriter {
    static final String GENERATOR = ProviderProcessor.class.getCanonicalName();
    /**
     * The natives every implementation has besides its probes'. Their names carry a {@code $},
     * which the JLS keeps for generated code, so no method of the interface (a probe named
     * {@code semaphore(int permits)}, say) can clash with them.
     */
    static final String BUILD_ID_NATIVE = "usdt4j$buildId";
    static final String SEMAPHORE_NATIVE = "usdt4j$semaphore";
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final ClassName LOADER = ClassName.get(ProviderLoader.class);
    private static final ClassName NATIVES = ClassName.get(ProviderLoader.Natives.class);
    private static final ClassName SEMAPHORES = ClassName.get(ProbeSemaphores.class);
    private static final ClassName SEMAPHORE = ClassName.get(ProbeSemaphore.class);
    private static final ClassName ARGUMENTS = ClassName.get(ProbeArguments.class);

    private JavaImplementationWriter() {}

    public static JavaFile write(ProviderModel provider) {
        ClassName self = provider.implementation();
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addOriginatingElement(provider.element())
                .addJavadoc("The probes of provider {@code $L}, declared by {@link $T}.\n\n", provider.name(),
                        provider.providerInterface())
                .addJavadoc("<p>A probe reads its semaphore, which the kernel raises while a tracer is attached,\n"
                        + "and calls native code only then; until then it costs about an empty call.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(NATIVES)
                .addSuperinterface(provider.providerInterface())
                .addField(FieldSpec.builder(String.class, "BUILD_ID", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", provider.buildId())
                        .build())
                .addField(FieldSpec.builder(SEMAPHORES, "SEMAPHORES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$T.load(\n$>$>$T.class, $S, BUILD_ID, new $T(), $L$<$<)",
                                LOADER, self, provider.name(), self, provider.probes().size())
                        .build());

        if (provider.generatedAnnotation()) {
            type.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", GENERATOR).build());
        }
        if (!self.packageName().isEmpty()) {
            type.addStaticBlock(CodeBlock.builder()
                    .add("// Providers.get creates this class reflectively; in a named module that needs\n")
                    .add("// the package exported to the runtime, which only this module may grant.\n")
                    .addStatement("$T.class.getModule().addExports($S, $T.class.getModule())",
                            self, self.packageName(), LOADER)
                    .build());
        }

        List<ProbeModel> probes = provider.probes();
        for (int i = 0; i < probes.size(); i++) {
            ProbeModel probe = probes.get(i);
            type.addField(FieldSpec.builder(SEMAPHORE, semaphoreField(probe),
                            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("{@code probe $L;}\n", probe.dDeclaration())
                    .initializer("SEMAPHORES.get($L)", i)
                    .build());
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).build());
        for (ProbeModel probe : probes) {
            type.addMethod(probeMethod(probe));
        }
        for (EnabledCheckModel check : provider.enabledChecks()) {
            type.addMethod(enabledMethod(provider.probeNamed(check.probeName()).orElseThrow(), check));
        }
        type.addMethods(loaderMethods());
        for (ProbeModel probe : probes) {
            type.addMethod(nativeMethod(probe));
        }
        type.addMethod(MethodSpec.methodBuilder(BUILD_ID_NATIVE)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.NATIVE)
                .returns(String.class)
                .build());
        type.addMethod(MethodSpec.methodBuilder(SEMAPHORE_NATIVE)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.NATIVE)
                .returns(ByteBuffer.class)
                .addParameter(int.class, "probe")
                .build());

        return JavaFile.builder(self.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /**
     * What the loader reaches through this class ({@link ProviderLoader.Natives}): its superclass,
     * not a nested class, which would be one more class to load per provider (~0.25 ms in a
     * cold JVM), nor lambdas, the first of which costs a JVM tens of milliseconds.
     */
    private static List<MethodSpec> loaderMethods() {
        return List.of(
                MethodSpec.methodBuilder("usdt4j$load")
                        .addJavadoc("{@code System.load} is called from this class: the library then belongs to the\n"
                                + "loader that resolves the native methods, wherever the runtime is.\n")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PROTECTED)
                        .addParameter(String.class, "path")
                        .addStatement("System.load(path)")
                        .build(),
                MethodSpec.methodBuilder("usdt4j$libraryBuildId")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PROTECTED)
                        .returns(String.class)
                        .addStatement("return $N()", BUILD_ID_NATIVE)
                        .build(),
                MethodSpec.methodBuilder("usdt4j$librarySemaphore")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PROTECTED)
                        .returns(ByteBuffer.class)
                        .addParameter(int.class, "probe")
                        .addStatement("return $N(probe)", SEMAPHORE_NATIVE)
                        .build());
    }

    private static MethodSpec probeMethod(ProbeModel probe) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(probe.methodName())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC);
        for (ArgumentModel argument : probe.arguments()) {
            method.addParameter(ParameterSpec.builder(argument.javaType(), argument.javaName()).build());
        }
        method.beginControlFlow("if ($L.isEnabled())", semaphoreField(probe));
        Set<String> taken = parameterNames(probe);
        List<CodeBlock> arguments = new ArrayList<>();
        for (ArgumentModel argument : probe.arguments()) {
            if (!argument.kind().isText()) {
                arguments.add(CodeBlock.of("$L", argument.javaName()));
                continue;
            }
            String text = argument.javaName();
            if (argument.kind() != JavaKind.STRING) {
                text = unclashed(argument.javaName() + "$text", taken);
                method.addStatement("$T $L = $L", String.class, text, textOf(argument));
            }
            // the length too, so the glue need not ask the JVM for it: one JNI call fewer
            arguments.add(CodeBlock.of("$L,$W$T.length($L)", text, ARGUMENTS, text));
        }
        return method
                .addStatement("$L($L)", probe.nativeMethodName(), CodeBlock.join(arguments, ",$W"))
                .endControlFlow()
                .build();
    }

    /** An enum or object argument as the text the tracer sees. */
    private static CodeBlock textOf(ArgumentModel argument) {
        return argument.kind() == JavaKind.ENUM
                ? CodeBlock.of("$T.name($L)", ARGUMENTS, argument.javaName())
                : CodeBlock.of("$T.text($L)", ARGUMENTS, argument.javaName());
    }

    private static Set<String> parameterNames(ProbeModel probe) {
        Set<String> names = new HashSet<>();
        for (ArgumentModel argument : probe.arguments()) {
            names.add(argument.javaName());
        }
        return names;
    }

    /**
     * {@code wanted} ({@code state$text}, {@code sku$length}: a {@code $}, which the JLS keeps
     * for generated code), or with more {@code $} until no name in {@code taken} is the same;
     * then taken.
     */
    private static String unclashed(String wanted, Set<String> taken) {
        String name = wanted;
        while (!taken.add(name)) {
            name += "$";
        }
        return name;
    }

    private static MethodSpec enabledMethod(ProbeModel probe, EnabledCheckModel check) {
        return MethodSpec.methodBuilder(check.methodName())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(boolean.class)
                .addStatement("return $L.isEnabled()", semaphoreField(probe))
                .build();
    }

    private static MethodSpec nativeMethod(ProbeModel probe) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(probe.nativeMethodName())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.NATIVE);
        Set<String> taken = parameterNames(probe);
        for (ArgumentModel argument : probe.arguments()) {
            if (argument.kind().isText()) {
                // its length in UTF-16 units follows each text
                method.addParameter(String.class, argument.javaName());
                method.addParameter(int.class, unclashed(argument.javaName() + "$length", taken));
            } else {
                method.addParameter(argument.javaType(), argument.javaName());
            }
        }
        return method.build();
    }

    /** {@code eventer-read-entry} gives {@code EVENTER_READ_ENTRY_SEMAPHORE}. */
    private static String semaphoreField(ProbeModel probe) {
        return probe.name().replace('-', '_').toUpperCase(Locale.ROOT) + "_SEMAPHORE";
    }
}
