package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.GeneratedLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library from an older build of the same provider next to newer classes: the loader
 * compares build ids and refuses it, so its probes are no-ops instead of calling native code
 * with the wrong arguments.
 */
class StaleLibraryTest {
    private static final String MAIN = "package t;\n"
            + "public class Main {\n"
            + "  public static void main(String[] args) {\n"
            + "    Probes probes = io.github.usdt4j.Providers.get(Probes.class);\n"
            + "    probes.request(\"/\", 200);\n"
            + "    System.out.println(io.github.usdt4j.Providers.status(Probes.class).reason());\n"
            + "  }\n"
            + "}\n";

    @TempDir
    Path temp;

    @Test
    void aLibraryFromAnotherBuildIsRefused() throws Exception {
        NativeTools.require("cc", "gcc");
        NativeTools.require("dtrace", "systemtap-sdt-dev");
        Path v1 = build("v1", "@Probe void request(String path);\n  default void request(String path, int status) {}");
        Path v2 = build("v2", "@Probe void request(String path, int status);");

        String resource = "META-INF/usdt4j/t.Usdt4j_Probes/" + GeneratedLayout.currentPlatformFolder() + "/libusdt4j-stale.so";
        ProviderSources provider = ProviderSources.in(v1.resolve("classes/META-INF/usdt4j/t.Usdt4j_Probes")).orElseThrow();
        new Linker(Toolchain.find("cc", "dtrace", NativeTools.LOG), ProviderCompiler.classpathEntries(),
                temp.resolve("work"))
                .link(provider, v1.resolve("generated/t/Usdt4j_Probes.java"), v1.resolve("classes"),
                        v2.resolve("classes").resolve(resource));

        String output = NativeTools.runJava(v2.resolve("classes"), "t.Main", temp.resolve("libs"));
        assertTrue(output.contains("but the Java implementation is from build"), output);
        assertTrue(output.contains("rebuild the module"), output);
    }

    private Path build(String name, String probe) throws Exception {
        Path root = temp.resolve(name);
        Path sources = Files.createDirectories(root.resolve("src/t"));
        Files.writeString(sources.resolve("Probes.java"), "package t;\nimport io.github.usdt4j.*;\n"
                + "@Provider(\"stale\")\npublic interface Probes {\n  " + probe + "\n}\n");
        Files.writeString(sources.resolve("Main.java"), MAIN);
        assertTrue(ProviderCompiler.compile(List.of(sources.resolve("Probes.java"), sources.resolve("Main.java")),
                Files.createDirectories(root.resolve("classes")), Files.createDirectories(root.resolve("generated")), null),
                name + " compiles");
        return root;
    }
}
