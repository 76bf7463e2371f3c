package io.github.usdt4j.plugin;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** {@code javac -h}: the JNI header of a generated implementation, from its source. */
final class JniHeaders {
    private JniHeaders() {}

    static void write(Path javaSource, Path classes, List<String> classpath, Path work)
            throws IOException, LinkFailure {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new LinkFailure("usdt4j: the build runs on a JRE without javac; run it on a JDK"
                    + " (Debian: apt-get install openjdk-17-jdk-headless) so javac -h can write JNI headers");
        }
        Path scratch = work.resolve("javac-classes");
        Files.createDirectories(scratch);
        List<String> path = new ArrayList<>();
        path.add(classes.toString());
        path.addAll(classpath);
        List<String> options = List.of("-h", work.toString(), "-d", scratch.toString(), "-proc:none",
                "-implicit:none", "-nowarn", "-classpath", String.join(File.pathSeparator, path));
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            boolean ok = javac.getTask(output, files, null, options, null,
                    files.getJavaFileObjects(javaSource.toFile())).call();
            if (!ok) {
                throw new LinkFailure("usdt4j: javac -h failed on " + javaSource + ":\n" + output);
            }
        }
    }
}
