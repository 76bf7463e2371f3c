package io.github.usdt4j.processor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles sources in memory with the processor, keeping every file it writes and every
 * diagnostic, so tests can compare outputs and point at lines.
 */
final class Compilation {
    final boolean success;
    final List<Diagnostic<? extends JavaFileObject>> diagnostics;
    /** Generated files by path: {@code io/github/Usdt4j_X.java}, {@code META-INF/usdt4j/…/x.d}. */
    final Map<String, String> outputs;

    private Compilation(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics,
            Map<String, String> outputs) {
        this.success = success;
        this.diagnostics = diagnostics;
        this.outputs = outputs;
    }

    /** {@code sources}: file name to content, e.g. {@code "test/Probes.java"}. */
    static Compilation compile(Map<String, String> sources) {
        return compile(sources, new ProviderProcessor());
    }

    /** {@link #compile(Map)} with {@code processor}, which may wrap the provider processor. */
    static Compilation compile(Map<String, String> sources, javax.annotation.processing.Processor processor) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        Map<String, String> outputs = new TreeMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8);
        ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                String path = className.replace('.', '/') + kind.extension;
                return new Captured(path, kind, outputs, location == StandardLocation.SOURCE_OUTPUT || kind == JavaFileObject.Kind.SOURCE);
            }

            @Override
            public FileObject getFileForOutput(Location location, String packageName, String relativeName,
                    FileObject sibling) {
                String path = packageName.isEmpty() ? relativeName : packageName.replace('.', '/') + "/" + relativeName;
                return new Captured(path, JavaFileObject.Kind.OTHER, outputs, true);
            }
        };
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(e -> new Source(e.getKey(), e.getValue()))
                .collect(Collectors.toList());
        List<String> options = new ArrayList<>(List.of("-proc:only", "-Xlint:all", "-classpath",
                System.getProperty("java.class.path")));
        JavaCompiler.CompilationTask task = javac.getTask(null, files, collector, options, null, units);
        task.setProcessors(List.of(processor));
        boolean success = task.call();
        return new Compilation(success, collector.getDiagnostics(), outputs);
    }

    static Compilation compile(String fileName, String source) {
        return compile(Map.of(fileName, source));
    }

    List<Diagnostic<? extends JavaFileObject>> errors() {
        return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
    }

    List<Diagnostic<? extends JavaFileObject>> warnings() {
        return diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                .collect(Collectors.toList());
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String content;

        Source(String name, String content) {
            super(URI.create("mem:///" + name), Kind.SOURCE);
            this.content = content;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return content;
        }
    }

    private static final class Captured extends SimpleJavaFileObject {
        private final String path;
        private final Map<String, String> outputs;
        private final boolean text;

        Captured(String path, Kind kind, Map<String, String> outputs, boolean text) {
            super(URI.create("mem:///out/" + path), kind);
            this.path = path;
            this.outputs = outputs;
            this.text = text;
        }

        @Override
        public OutputStream openOutputStream() {
            return new ByteArrayOutputStream() {
                @Override
                public void close() throws IOException {
                    super.close();
                    if (text) {
                        outputs.put(path, toString(StandardCharsets.UTF_8));
                    }
                }
            };
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return outputs.getOrDefault(path, ""); // javac reads generated sources back
        }

        @Override
        public java.io.Writer openWriter() {
            return new java.io.OutputStreamWriter(openOutputStream(), StandardCharsets.UTF_8);
        }
    }
}
