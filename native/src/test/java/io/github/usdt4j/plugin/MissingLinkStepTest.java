package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Maven module with providers and no {@code link} goal builds a jar with no library; javac
 * says so with a warning on the interface, which a build that links some other way turns off.
 */
class MissingLinkStepTest {
    private static final String SOURCE = "package t;\n"
            + "import io.github.usdt4j.*;\n"
            + "@Provider(\"unlinked\")\n"
            + "public interface Probes {\n"
            + "  @Probe void request(String path, int status);\n"
            + "}\n";

    @TempDir
    Path temp;

    @Test
    void aModuleWithoutTheLinkGoalIsWarnedOnItsInterface() throws Exception {
        Path pom = project();
        List<Diagnostic<? extends JavaFileObject>> warnings = compile(List.of());
        assertEquals(1, warnings.size(), warnings.toString());
        Diagnostic<? extends JavaFileObject> warning = warnings.get(0);
        assertTrue(warning.getSource().getName().endsWith("Probes.java"), warning.toString());
        assertEquals(4, warning.getLineNumber(), "on the interface's line");
        String message = warning.getMessage(Locale.ROOT);
        assertTrue(message.startsWith("usdt4j: nothing in " + pom + " or its parents runs the usdt4j-maven-plugin's link goal"),
                message);
        assertTrue(message.contains("provider unlinked") && message.contains("-Ausdt4j.linkCheck=false"), message);
    }

    @Test
    void theOptionTurnsItOff() throws Exception {
        project();
        assertEquals(List.of(), compile(List.of("-Ausdt4j.linkCheck=false")));
    }

    private Path project() throws Exception {
        Path pom = temp.resolve("app/pom.xml");
        Files.createDirectories(temp.resolve("app/src/main/java/t"));
        Files.writeString(pom, "<project><artifactId>app</artifactId></project>");
        Files.writeString(temp.resolve("app/src/main/java/t/Probes.java"), SOURCE);
        return pom;
    }

    private List<Diagnostic<? extends JavaFileObject>> compile(List<String> options) throws Exception {
        Path classes = Files.createDirectories(temp.resolve("app/target/classes"));
        Path generated = Files.createDirectories(temp.resolve("app/target/generated-sources/annotations"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        assertTrue(ProviderCompiler.compile(List.of(temp.resolve("app/src/main/java/t/Probes.java")), classes, generated,
                diagnostics, options), diagnostics.getDiagnostics().toString());
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.WARNING)
                .collect(Collectors.toList());
    }
}
