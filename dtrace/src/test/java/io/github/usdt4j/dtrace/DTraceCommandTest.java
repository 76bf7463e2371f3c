package io.github.usdt4j.dtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a tracer: options, exit statuses and messages as dtrace's. */
class DTraceCommandTest {
    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DTrace.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** -b and -x bufsize in dtrace's units, to bpftrace's ring buffer of a power of two of pages. */
    @Test
    void bufferSizesAreReadAsDtraceReadsThem() {
        assertEquals(4L << 20, DTrace.size("4m"));
        assertEquals(512L << 10, DTrace.size("512K"));
        assertEquals(65536, DTrace.size("65536"));
        assertEquals(1024, DTrace.ringBufferPages(4L << 20));
        assertEquals(128, DTrace.ringBufferPages(600L << 10), "600 KB holds 150 pages: 128 of them");
        assertEquals(1, DTrace.ringBufferPages(100), "at least one page");
        for (String bad : new String[] {"", "m", "-4m", "4x", "99999999999t"}) {
            org.junit.jupiter.api.Assertions.assertThrows(NumberFormatException.class, () -> DTrace.size(bad), bad);
        }
        Result refused = run("-x", "bufsize=lots", "-n", "BEGIN { exit(0); }");
        assertEquals(2, refused.status(), refused.toString());
        assertEquals("dtrace: failed to set -x bufsize: Invalid value for specified option\n", refused.err());
    }

    @Test
    void badOptionsExitWithTwo() {
        Result unknown = run("-k");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("dtrace: Unknown option: '-k'"), unknown.err());
        Result option = run("-x", "nosuchoption", "-n", "BEGIN");
        assertEquals(2, option.status());
        assertEquals("dtrace: failed to set -x nosuchoption: Invalid option name\n", option.err());
        assertEquals(2, run().status());
        Result size = run("-x", "strsize=lots", "-e", "-n", "BEGIN");
        assertEquals(2, size.status());
        assertEquals("dtrace: failed to set -x strsize: Invalid value for specified option\n", size.err());
    }

    @Test
    void aCompileErrorExitsWithOneAndNamesTheScriptAndLine(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("bad.d");
        Files.writeString(script, "#!/usr/sbin/dtrace -qs\nBEGIN\n{\n\tprintf(\"%d\\n\", nosuch);\n}\n");
        Result result = run("-e", "-s", script.toString());
        assertEquals(1, result.status());
        assertEquals("dtrace: failed to compile script " + script + ": line 4: failed to resolve nosuch: Unknown variable name\n",
                result.err());
        Result description = run("-e", "-n", "BEGIN { x = ; }");
        assertEquals(1, description.status());
        assertEquals("dtrace: invalid probe specifier BEGIN { x = ; }: line 1: syntax error near \";\"\n", description.err());
        Result first = run("-e", "-n", "BEGIN { x = 1; printf(\"%s\", x); }", "-n", "END { exit(0); }");
        assertEquals("dtrace: invalid probe specifier BEGIN { x = 1; printf(\"%s\", x); }: line 1: printf( ) argument #2 is"
                + " incompatible with conversion #1 prototype:\n\tconversion: %s\n\t prototype: char [] or string\n"
                + "\t  argument: int\n", first.err(), "the error names the -n it is in");
        Result missing = run("-e", "-s", temp.resolve("none.d").toString());
        assertEquals("dtrace: failed to open " + temp.resolve("none.d") + ": No such file or directory\n", missing.err());
    }

    @Test
    void clusteredOptionsMacroArgumentsAndTheCompiledProgram(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("args.d");
        Files.writeString(script, "BEGIN\n{\n\tprintf(\"%d %s\\n\", $1, $$2);\n\texit(0);\n}\n");
        Result result = run("-qeSs", script.toString(), "42", "-word");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.err().contains("printf(\"\\x1e1\\x1f%d\\x1f%d\\x1f%ld\\x1f%s\\n\", cpu, pid, 42, \"-word\");"),
                result.err());
        assertEquals("", result.out());
    }

    @Test
    void aKernelProviderWithoutALinuxCounterpartFailsAndWithDashZMatchesNothingWithAWarning() {
        Result refused = run("-e", "-n", "fbt::vfs_read:entry { @ = count(); }", "-n", "BEGIN { exit(0); }");
        assertEquals(1, refused.status());
        assertEquals("dtrace: invalid probe specifier fbt::vfs_read:entry { @ = count(); }: line 1: probe description"
                + " fbt::vfs_read:entry does not match any probes (kernel provider fbt has no Linux counterpart here: of"
                + " the kernel's probes, syscall entry and return, and proc exec-success, exit and create are traced,"
                + " through tracepoints; -Z allows it)\n", refused.err());
        Result allowed = run("-Ze", "-n", "fbt::vfs_read:entry { @ = count(); }", "-n", "BEGIN { exit(0); }");
        assertEquals(0, allowed.status(), allowed.err());
        assertEquals("dtrace: description 'fbt::vfs_read:entry' matched no probes: kernel provider fbt has no Linux"
                + " counterpart here\n", allowed.err());
    }

    @Test
    void dashCRunsTheScriptThroughTheCPreprocessorAndKeepsItsLineNumbers(@TempDir Path temp) throws Exception {
        Files.writeString(temp.resolve("limits.h"), "#define LIMIT 41\n#define NAME \"limit\"\n");
        Path script = temp.resolve("cpp.d");
        Files.writeString(script, String.join("\n",
                "#!/usr/sbin/dtrace -Cqs",
                "#include \"limits.h\"",
                "#define TWICE(x) ((x) * 2)",
                "BEGIN",
                "{",
                "\tprintf(\"%s %d %d\\n\", NAME, LIMIT + 1, TWICE(EXTRA));",
                "\texit(0);",
                "}",
                ""));
        Result result = run("-C", "-D", "EXTRA=21", "-I", temp.toString(), "-qeS", "-s", script.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.err().contains("\"limit\", (41 + 1), (21 * 2));"), result.err());

        Files.writeString(script, "#include \"limits.h\"\n#define X 1\n\nBEGIN { trace(nosuch); }\n");
        Result error = run("-C", "-I", temp.toString(), "-e", "-s", script.toString());
        assertEquals("dtrace: failed to compile script " + script + ": line 4: failed to resolve nosuch: Unknown variable name\n",
                error.err(), "the script's own line, after the included file's");
        Files.writeString(script, "BEGIN { }\n#error stop here\n");
        Result failed = run("-C", "-e", "-s", script.toString());
        assertEquals(1, failed.status());
        assertTrue(failed.err().startsWith("dtrace: failed to preprocess " + script + ": " + script + ":2:2: error: #error stop here"),
                failed.err());
    }

    @Test
    void dashCReadsTheCommandsClassPathAsJavaDoes(@TempDir Path temp) throws Exception {
        Files.createDirectories(temp.resolve("lib"));
        Files.writeString(temp.resolve("lib/b.jar"), "");
        Files.writeString(temp.resolve("lib/a.jar"), "");
        Files.writeString(temp.resolve("lib/notes.txt"), "");
        assertEquals(java.util.List.of(temp.resolve("classes"), temp.resolve("lib/a.jar"), temp.resolve("lib/b.jar"),
                temp.resolve("app.jar")), DTrace.classPath("java -Dx=1 -cp " + temp.resolve("classes") + ":" + temp.resolve("lib")
                + "/* -jar " + temp.resolve("app.jar") + " arg"));
        assertEquals(java.util.List.of(temp.resolve("c")), DTrace.classPath("java --class-path=" + temp.resolve("c") + " Main"));
        assertEquals(java.util.List.of(), DTrace.classPath("/usr/bin/printf hello"));
    }

    @Test
    void listingWithoutDescriptionsShowsTheDTraceProvider() {
        Result result = run("-l", "-n", "dtrace:::");
        assertEquals(0, result.status(), result.err());
        assertEquals(String.join("\n",
                "   ID   PROVIDER            MODULE                          FUNCTION NAME",
                "    1     dtrace                                                     BEGIN",
                "    2     dtrace                                                     END",
                "    3     dtrace                                                     ERROR", ""), result.out());
        Result none = run("-l", "-n", "nosuch*:::");
        assertEquals(1, none.status());
        assertEquals("dtrace: failed to match nosuch*:::: No probe matches description\n", none.err());
    }

    /**
     * An option means the same from -x and from #pragma: honoured, a no-op where it only tunes
     * DTrace's buffers and compiler, refused with the reason, or not DTrace's at all. They were
     * "Invalid option name" with -x and "not supported" as a #pragma.
     */
    @Test
    void optionsAreOneSetFromTheCommandLineAndFromPragmas(@TempDir Path temp) throws Exception {
        for (String honoured : List.of("aggsortkey", "aggsortrev", "aggsortpos=1", "aggsortkeypos=1", "ustackframes=20",
                "switchrate=10hz", "dynvarsize=4m", "stdc=s")) {
            Result command = run("-x", honoured, "-e", "-n", "BEGIN { exit(0); }");
            assertEquals(0, command.status(), honoured + ": " + command.err());
            Path script = Files.writeString(temp.resolve("pragma.d"), "#pragma D option " + honoured + "\nBEGIN { exit(0); }\n");
            Result pragma = run("-e", "-s", script.toString());
            assertEquals(0, pragma.status(), honoured + ": " + pragma.err());
        }
        Result packed = run("-x", "aggpack", "-e", "-n", "BEGIN { exit(0); }");
        assertEquals(2, packed.status());
        assertTrue(packed.err().startsWith("dtrace: failed to set -x aggpack: not supported here: packed histograms"), packed.err());
        Path script = Files.writeString(temp.resolve("packed.d"), "#pragma D option aggpack\nBEGIN { exit(0); }\n");
        Result pragma = run("-e", "-s", script.toString());
        assertEquals(1, pragma.status());
        assertTrue(pragma.err().startsWith("dtrace: failed to compile script: failed to set option aggpack: not supported here:"),
                pragma.err());
        assertEquals("dtrace: failed to set -x nosuch: Invalid option name\n", run("-x", "nosuch", "-n", "BEGIN").err());
        Result frames = run("-x", "ustackframes=5", "-S", "-e", "-n", "BEGIN { @[ustack()] = count(); exit(0); }");
        assertTrue(frames.err().contains("ustack(perf, 5)"), frames.err());
    }
}
