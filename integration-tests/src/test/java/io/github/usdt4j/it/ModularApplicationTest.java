package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.testing.Machine;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application outside this repository, built by Maven with the README's pom snippet as
 * written (src/test/projects/acme-app): a named module that only {@code requires
 * io.github.usdt4j;} and exports nothing, its provider in an unexported package. Run on the
 * module path and on the class path, with the native-access flag each needs, and traced by
 * bpftrace: its probes are active, it prints no warning, and every argument arrives. Built
 * again without Maven (javac, then the link command), it is traced alike.
 */
class ModularApplicationTest {
    private static final Path PROJECT = Path.of("src/test/projects/acme-app");

    @TempDir
    static Path work;
    private static Path applicationJar;

    @BeforeAll
    static void buildTheApplicationWithTheReadmesSnippet() throws Exception {
        Tracers.require("bpftrace", "bpftrace");
        Path project = work.resolve("acme-app");
        copy(PROJECT, project);
        Files.writeString(project.resolve("pom.xml"), pomWithTheReadmesSnippet());
        List<String> command = new ArrayList<>(List.of(mvn(), "-B", "-q",
                "-Dmaven.repo.local=" + System.getProperty("usdt4j.maven.repo"), "package"));
        if ("offline=true".equals(System.getProperty("usdt4j.maven.offline"))) {
            command.add(1, "-o");
        }
        ProcessBuilder build = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        build.environment().put("JAVA_HOME", System.getProperty("java.home")); // the JDK these tests run on
        Process maven = build.start();
        String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(maven.waitFor(5, TimeUnit.MINUTES), "mvn package did not finish in 5 minutes:\n" + output);
        assertEquals(0, maven.exitValue(), () -> String.join(" ", command) + ":\n" + output);
        applicationJar = project.resolve("target/acme-app-1.jar");
        assertTrue(Files.isRegularFile(applicationJar), output);
    }

    /** The README's {@code <dependencies>} and {@code <build>}, word for word, in a project of its own. */
    private static String pomWithTheReadmesSnippet() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher snippet = Pattern.compile("(?s)Exactly three things.*?```xml\n(.*?)```").matcher(readme);
        assertTrue(snippet.find(), "the README's pom snippet");
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>acme</groupId>\n"
                + "  <artifactId>acme-app</artifactId>\n"
                + "  <version>1</version>\n"
                + "  <properties>\n"
                + "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n"
                + "  </properties>\n"
                + snippet.group(1)
                + "</project>\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"module path", "class path"})
    void itsProbesAreActiveAndTraced(String layout) throws Exception {
        String runtime = runtimeOnTheTestsClassPath();
        String path = applicationJar + File.pathSeparator + runtime;
        if (layout.equals("module path")) {
            runAndTrace("--enable-native-access=acme.app", "--module-path", path, "-m", "acme.app/acme.app.Main");
        } else {
            runAndTrace(Tracers.NATIVE_ACCESS, "-cp", path, "acme.app.Main");
        }
    }

    /**
     * The same application built as Gradle or a shell script would: javac with the processor,
     * then the plugin's link command on the class path the docs give (the plugin, the runtime
     * and picocli), then run from the classes folder on the module path.
     */
    @org.junit.jupiter.api.Test
    void builtWithoutMavenByJavacAndTheLinkCommandItIsTracedAlike() throws Exception {
        Path build = work.resolve("plain-build");
        Path classes = build.resolve("classes");
        Path generated = build.resolve("generated");
        String runtime = runtimeOnTheTestsClassPath();
        List<String> javac = new ArrayList<>(List.of(Machine.jdkTool("javac"), "-d", classes.toString(),
                "-s", generated.toString(), "--module-path", runtime,
                "--processor-path", System.getProperty("java.class.path")));
        try (Stream<Path> sources = Files.walk(PROJECT.resolve("src/main/java"))) {
            sources.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> javac.add(f.toAbsolutePath().toString()));
        }
        Machine.run(work, javac);
        String linkClasspath = String.join(File.pathSeparator,
                onTheTestsClassPath("usdt4j-maven-plugin[^/]*\\.jar|native/target/classes"),
                runtime, onTheTestsClassPath("picocli-[^/]*\\.jar"));
        String linked = Machine.run(work, List.of(Machine.jdkTool("java"), "-cp", linkClasspath,
                "io.github.usdt4j.plugin.LinkCommand",
                "--classes", classes.toString(), "--generated-sources", generated.toString(),
                "--work", build.resolve("usdt4j").toString(), "--classpath", runtime));
        assertTrue(linked.startsWith(
                "usdt4j: linked provider acmedb (1 probes) into META-INF/usdt4j/acme.db.Usdt4j_AcmeDb/"), linked);
        runAndTrace("--enable-native-access=acme.app", "--module-path", classes + File.pathSeparator + runtime,
                "-m", "acme.app/acme.app.Main");
    }

    /** Runs the application with {@code options}, traces its three queries with bpftrace and checks every argument. */
    private static void runAndTrace(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Machine.jdkTool("java"),
                "-Dusdt4j.dir=" + System.getProperty("usdt4j.dir")));
        command.addAll(List.of(options));
        try (Tracers.Running application = new Tracers.Running(new ProcessBuilder(command))) {
            String pid = application.await("ready ", 60).substring("ready ".length());
            assertEquals("active", application.all.get(0), () -> String.join("\n", application.all));
            try (Tracers.Running tracer = Tracers.bpftrace(pid,
                    "usdt::acmedb:query { printf(\"query %d %s %d\\n\", arg0, str(arg1), arg2); }")) {
                application.send("go");
                application.await("fired", 60);
                tracer.interrupt();
                assertEquals(List.of("query 1 select * from t1 10", "query 2 select * from t2 20",
                        "query 3 select * from t3 30"), Tracers.printed(tracer));
            }
            assertTrue(application.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(List.of("active", "ready " + pid, "fired"), application.all,
                    "nothing else printed: no warning from the JVM or usdt4j");
        }
    }

    private static String runtimeOnTheTestsClassPath() {
        return onTheTestsClassPath("usdt4j-runtime[^/]*\\.jar|runtime/target/classes");
    }

    /** The one entry of the test's class path whose path ends as {@code pattern} says. */
    private static String onTheTestsClassPath(String pattern) {
        List<String> found = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.replace(File.separatorChar, '/').matches(".*(" + pattern + ")"))
                .toList();
        assertEquals(1, found.size(), pattern + " on the test's class path: " + found);
        return found.get(0);
    }

    private static String mvn() {
        String mvn = Machine.onPath("mvn");
        assertTrue(mvn != null, "mvn is not on PATH (apt-get install maven)");
        return mvn;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
