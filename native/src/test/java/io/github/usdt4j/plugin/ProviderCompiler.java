package io.github.usdt4j.plugin;

import io.github.usdt4j.processor.ProviderProcessor;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles sources with the real processor into real folders, as a module's build would. */
final class ProviderCompiler {
    private ProviderCompiler() {}

    /** Returns whether javac succeeded; diagnostics go to {@code diagnostics} (may be null). */
    static boolean compile(List<Path> sources, Path classes, Path generated,
            DiagnosticCollector<JavaFileObject> diagnostics) throws Exception {
        return compile(sources, classes, generated, diagnostics, List.of());
    }

    /** {@link #compile(List, Path, Path, DiagnosticCollector)} with more javac options, such as {@code -A}. */
    static boolean compile(List<Path> sources, Path classes, Path generated,
            DiagnosticCollector<JavaFileObject> diagnostics, List<String> options) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-s", generated.toString(),
                "-classpath", classpath()));
        arguments.addAll(options);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    arguments, null, files.getJavaFileObjectsFromPaths(sources));
            task.setProcessors(List.of(new ProviderProcessor()));
            return task.call();
        }
    }

    /** Where {@link #compileProvider} left a module's outputs. */
    record Module(Path classes, Path generated) {}

    /**
     * Compiles one source of package {@code t} ({@code file}, e.g. {@code Probes.java}) under
     * {@code temp}, as a module's build would, into {@code temp/classes} and
     * {@code temp/generated}; fails the test if javac does.
     */
    static Module compileProvider(Path temp, String file, String source) throws Exception {
        Path sources = Files.createDirectories(temp.resolve("src/t"));
        Files.writeString(sources.resolve(file), source);
        Module module = new Module(Files.createDirectories(temp.resolve("classes")),
                Files.createDirectories(temp.resolve("generated")));
        org.junit.jupiter.api.Assertions.assertTrue(
                compile(List.of(sources.resolve(file)), module.classes(), module.generated(), null),
                file + " compiles with the processor");
        return module;
    }

    static String classpath() {
        return System.getProperty("java.class.path");
    }

    static List<String> classpathEntries() {
        return List.of(classpath().split(File.pathSeparator));
    }
}
