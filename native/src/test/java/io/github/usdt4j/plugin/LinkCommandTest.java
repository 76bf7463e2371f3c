package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.GeneratedLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link command, as a build other than Maven's runs it: it links what the processor left,
 * prints the goal's messages, finds the library up to date the second time, fails with the
 * tool's message and status 1, and answers a bad command line with its usage and status 2.
 */
class LinkCommandTest {
    @TempDir
    Path temp;

    @Test
    void linksWhatTheProcessorLeftAsTheGoalDoes() throws Exception {
        NativeTools.require("cc", "gcc");
        NativeTools.require("dtrace", "systemtap-sdt-dev");
        ProviderCompiler.Module module = ProviderCompiler.compileProvider(temp, "Orders.java", "package t;\n"
                + "import io.github.usdt4j.*;\n@Provider(\"orders\")\npublic interface Orders {\n"
                + "  @Probe void placed(int id, String item);\n}\n");
        Path classes = module.classes();
        Path generated = module.generated();
        String[] arguments = {"--classes", classes.toString(), "--generated-sources", generated.toString(),
            "--work", temp.resolve("work").toString(), "--classpath", ProviderCompiler.classpath(), "--platforms", "host"};

        Result first = run(arguments);
        String library = "META-INF/usdt4j/t.Usdt4j_Orders/" + GeneratedLayout.currentPlatformFolder() + "/libusdt4j-orders.so";
        assertEquals(new Result(0, "usdt4j: linked provider orders (1 probes) into " + library + "\n"
                + "usdt4j: 1 provider(s) linked for " + GeneratedLayout.currentPlatformFolder() + "\n", ""), first);
        assertTrue(ProbeNotes.of(classes.resolve(library)).contains("Name: placed"));

        assertEquals(new Result(0, "usdt4j: 1 provider(s) linked for " + GeneratedLayout.currentPlatformFolder() + "\n", ""),
                run(arguments), "the second run finds the library up to date");

        Files.setLastModifiedTime(generated.resolve("t/Usdt4j_Orders.java"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Result failed = run(append(arguments, "--dtrace", "no-such-dtrace"));
        assertEquals(1, failed.status());
        assertTrue(failed.err().startsWith("usdt4j: 'no-such-dtrace' is not installed. Install it (Debian/Ubuntu:"
                + " apt-get install systemtap-sdt-dev;"), failed.err());
    }

    @Test
    void aBadCommandLineGetsTheUsageAndStatusTwo() {
        Result result = run(new String[] {"--classes", "x"});
        assertEquals(2, result.status());
        assertTrue(result.err().startsWith("Missing required options: '--generated-sources=DIR', '--work=DIR'\n"
                + "Usage: usdt4j-link"), result.err());
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        Result result = run(new String[] {"--help"});
        assertEquals(0, result.status());
        assertTrue(result.out().startsWith("Usage: usdt4j-link"), result.out());
    }

    private record Result(int status, String out, String err) {}

    private static Result run(String[] arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LinkCommand.run(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    private static String[] append(String[] arguments, String... more) {
        String[] all = java.util.Arrays.copyOf(arguments, arguments.length + more.length);
        System.arraycopy(more, 0, all, arguments.length, more.length);
        return all;
    }
}
