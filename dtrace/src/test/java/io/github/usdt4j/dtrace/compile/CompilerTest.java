package io.github.usdt4j.dtrace.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.dtrace.lang.CompileError;
import io.github.usdt4j.dtrace.lang.Parser;
import io.github.usdt4j.dtrace.output.ByteText;
import io.github.usdt4j.dtrace.probes.ProbeCatalog;
import io.github.usdt4j.tool.LibraryMappings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * D programs lowered to bpftrace against the libmtev example's real library (its notes and its
 * catalogue), as if two processes, 4242 and 4343, mapped it. Golden files show what each
 * becomes; rerun with {@code -Dusdt4j.updateGolden=true} when a change is intended, and review
 * the diff.
 */
class CompilerTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("usdt4j.updateGolden");
    private static final String LIBRARY_RESOURCE =
            "META-INF/usdt4j/io.github.usdt4j.examples.Usdt4j_Libmtev/" + GeneratedLayout.currentPlatformFolder() + "/libusdt4j-libmtev.so";

    @TempDir
    static Path temp;
    private static Path library;

    @BeforeAll
    static void copyTheExampleLibrary() throws IOException {
        library = temp.resolve("libusdt4j-libmtev-0123456789abcdef.so");
        try (InputStream in = CompilerTest.class.getClassLoader().getResourceAsStream(LIBRARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(LIBRARY_RESOURCE + " is not on the test class path: build usdt4j-examples first");
            }
            Files.copy(in, library);
        }
    }

    private static ProbeCatalog catalog() {
        return ProbeCatalog.of(List.of(new LibraryMappings.Mapping(4242, library.toString(), 0),
                new LibraryMappings.Mapping(4343, library.toString(), 0)), Path.of("src/test/resources/tracefs/events"));
    }

    static CompiledProgram compile(String source, boolean quiet, String... arguments) throws CompileError {
        Parser.Macros macros = new Parser.Macros(4242L, "test.d", List.of(arguments), false);
        // as the front-end reads a script: its bytes, a char a byte (ByteText)
        return Compiler.compile(List.of(new Compiler.Source("script", "test.d", Parser.parse(ByteText.of(source), macros))), catalog(),
                new Compiler.Settings(quiet, false, 1000, true, Compiler.Settings.DEFAULT_STRING_SIZE, 0));
    }

    static Stream<Path> programs() throws IOException {
        Stream<Path> recipes = Files.list(Path.of("../examples/recipes")).filter(p -> p.toString().endsWith(".d"));
        Stream<Path> own = Files.list(Path.of("src/test/resources/programs")).filter(p -> p.toString().endsWith(".d"));
        return Stream.concat(recipes, own).sorted();
    }

    @ParameterizedTest
    @MethodSource("programs")
    void everyProgramLowersAsItsGoldenFileShows(Path program) throws Exception {
        String source = Files.readString(program);
        CompiledProgram compiled = compile(source, source.contains("option quiet"));
        String actual = compiled.bpftrace().replace(temp.toString(), "/LIBDIR");
        Path golden = GOLDEN.resolve(program.getFileName().toString().replaceAll("\\.d$", ".bt"));
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual);
        }
        assertTrue(Files.exists(golden), () -> golden + " is missing; run with -Dusdt4j.updateGolden=true");
        assertEquals(Files.readString(golden), actual,
                () -> golden + " differs; if intended, rerun with -Dusdt4j.updateGolden=true and review the diff");
    }

    @Test
    void aGlobCoversEveryProcessAndAPidOnlyItsOwn() throws CompileError {
        CompiledProgram all = compile("libmtev*:::log { @ = count(); }", true);
        assertEquals(1, all.matches().size());
        assertEquals(2, all.matches().get(0).probes(), "one log probe in each of two processes");
        assertTrue(!all.bpftrace().contains("pid =="), all.bpftrace());
        CompiledProgram one = compile("libmtev4343:::log { @ = count(); }", true);
        assertEquals(1, one.matches().get(0).probes());
        assertTrue(one.bpftrace().contains("if (pid == 4343) {"), one.bpftrace());
    }

    @Test
    void argumentsPastTheSixthAreReadFromTheirNoteOperands() throws CompileError {
        // eventer-read-return has six arguments; a twelve-argument probe is tested end to end
        CompiledProgram compiled = compile("libmtev$target:::eventer-read-return { trace(args[5]); }", true);
        assertTrue(compiled.bpftrace().contains("(int32)(arg5)") || compiled.bpftrace().contains("(int64)"),
                compiled.bpftrace());
        assertEquals("*(int32*)(reg(\"sp\") + 8)", Operands.toBpftrace("-4@8(%rsp)"));
        assertEquals("*(uint64*)(reg(\"bp\") - 16)", Operands.toBpftrace("8@-16(%rbp)"));
        assertEquals("(int32)reg(\"r8\")", Operands.toBpftrace("-4@%r8d"));
        assertEquals("reg(\"cx\")", Operands.toBpftrace("-8@%rcx"));
        assertEquals("7", Operands.toBpftrace("4@$7"));
    }

    @Test
    void anAggregationMayBePrintedInAClauseWrittenBeforeTheOneThatFillsIt() throws CompileError {
        CompiledProgram compiled = compile("tick-1sec { printa(\"%s %@d\\n\", @calls); }\n"
                + "libmtev4242:::log { @calls[copyinstr(arg0)] = count(); }", true);
        assertTrue(compiled.bpftrace().contains("print(@calls);"), compiled.bpftrace());
        assertEquals(1, compiled.aggregations().size());
        assertThrows(CompileError.class, () -> compile("tick-1sec { printa(\"%s %s %@d\\n\", @calls); }\n"
                + "libmtev4242:::log { @calls[copyinstr(arg0)] = count(); }", true), "one key, two key conversions");
    }

    @Test
    void timersTakeDTracesUnits() throws CompileError {
        String program = compile("tick-2min { } profile-997 { } tick-250ms { } profile:::tick-3 { }", true).bpftrace();
        for (String probe : List.of("interval:s:120", "profile:hz:997", "interval:ms:250", "interval:hz:3")) {
            assertTrue(program.contains("\n" + probe + "\n{"), () -> probe + " in\n" + program);
        }
    }

    @Test
    void llquantizeBucketsAreComputedAsDTracesAre() {
        String chain = Compiler.logLinearBucket("$v", List.of(10L, 0L, 2L, 10L));
        assertEquals("($v < 1 ? -1 : ($v < 10 ? 1 + ($v - 1) / 1 * 1 : ($v < 100 ? 10 + ($v - 10) / 10 * 10"
                + " : ($v < 1000 ? 100 + ($v - 100) / 100 * 100 : 1000))))", chain);
    }

    /** Each program that cannot be compiled, and what dtrace says about it. */
    static Stream<String[]> errors() {
        return Stream.of(
                new String[] {"libmtev*:::nope { }", "line 1: probe description libmtev*:::nope does not match any probes"},
                new String[] {"libmtev:::log { }", "line 1: probe description libmtev:::log does not match any probes"
                        + " (a USDT provider carries its process id: libmtevPID, libmtev$target, or libmtev* for every process)"},
                new String[] {"fbt::read:entry { }", "line 1: probe description fbt::read:entry does not match any probes"
                        + " (kernel provider fbt has no Linux counterpart here: of the kernel's probes, syscall entry and"
                        + " return, and proc exec-success, exit and create are traced, through tracepoints; -Z allows it)"},
                new String[] {"syscall::frobnicate:entry { }", "line 1: probe description syscall::frobnicate:entry does not"
                        + " match any probes (of the kernel's probes, syscall entry and return, and proc exec-success, exit"
                        + " and create are traced here, through Linux tracepoints)"},
                new String[] {"libmtev*:::eventer__read__entry { }", "line 1: probe description libmtev*:::eventer__read__entry"
                        + " does not match any probes (DTrace spells probe names with dashes: eventer-read-entry)"},
                new String[] {"BEGIN\n{\n\tprintf(\"%d\\n\", \"text\");\n}", "line 3: printf( ) argument #2 is incompatible with"
                        + " conversion #1 prototype:\n\tconversion: %d\n\t prototype: integer\n\t  argument: string"},
                new String[] {"libmtev4242:::log { printf(\"%s\", args[0]); }", "line 1: printf( ) argument #2 is incompatible with"
                        + " conversion #1 prototype:\n\tconversion: %s\n\t prototype: char [] or string\n\t  argument: char *"
                        + " (a user-space pointer: read it with copyinstr())"},
                new String[] {"BEGIN { printf(\"%d %d\\n\", 1); }", "line 1: printf( ) prototype mismatch: conversion #2 (%d)"
                        + " is missing a corresponding value argument"},
                new String[] {"BEGIN { trace(nothing); }", "line 1: failed to resolve nothing: Unknown variable name"},
                new String[] {"BEGIN { frobnicate(1); }", "line 1: failed to resolve frobnicate: Unknown function name"},
                new String[] {"BEGIN { trace(jstack()); }", "line 1: jstack( ) is not supported: Java frames cannot be read from bpftrace"},
                new String[] {"BEGIN { speculate(1); }", "line 1: speculations are not supported by this front-end"},
                new String[] {"BEGIN { trace(curthread); }", "line 1: curthread is not supported by this front-end"},
                new String[] {"BEGIN { x = copyin(arg0, 8); }",
                        "line 1: copyin( )'s buffer can only be assigned to a this-> variable: this->x = …"},
                new String[] {"BEGIN { this->b = copyin(arg0, 8); this->b[2] = 'x'; }", "line 1: a copyin( ) buffer can only"
                        + " be cut: this->b[n] = '\\0'; other stores into it are not supported"},
                new String[] {"BEGIN { this->b = copyin(arg0, 8); trace(this->b[2]); }", "line 1: reading one byte of a"
                        + " copyin( ) buffer is not supported; read it as a string with stringof( )"},
                new String[] {"BEGIN { trace(copyin(arg0, 8)); }", "line 1: copyin( )'s buffer can only be kept in a this->"
                        + " variable, cut with this->b[n] = '\\0' and read as a string with stringof( ) or (string)"},
                new String[] {"BEGIN /strjoin(\"a\", execname) == \"ab\"/ { }", "line 1: strjoin( )'s result can only be"
                        + " printed, traced, used as an aggregation key or kept in a this-> variable here"
                        + " (bpftrace 0.17 cannot join strings)"},
                new String[] {"BEGIN { self->s = strjoin(\"a\", execname); }",
                        "line 1: strjoin( )'s result can only be assigned to a this-> variable: this->x = …"},
                new String[] {"BEGIN { x = \"a\"; trace(strlen(x)); }", "line 1: strlen( ) can measure a string literal,"
                        + " copyinstr( ), a copyin( ) buffer read as a string, or a strjoin( ) of those: bpftrace 0.17 keeps"
                        + " no length with its strings"},
                new String[] {"BEGIN { trace(ustack()); }", "line 1: ustack( ) as a value can only be an aggregation's key:"
                        + " @[ustack()] = count()"},
                new String[] {"BEGIN { @[ustack(200)] = count(); }", "line 1: ustack( ) can record 1 to 127 frames here"
                        + " (the kernel's perf_event_max_stack), not 200"},
                new String[] {"BEGIN { trace(strjoin(\"a\", 1)); }", "line 1: strjoin( ) argument #2 is incompatible with"
                        + " prototype: string required, int given"},
                new String[] {"BEGIN { @a = count(); @a = sum(1); }",
                        "line 1: @a: sum( ) redefined: the aggregation is already count( )"},
                new String[] {"BEGIN { @a = lquantize(1, 10, 5); }", "line 1: lquantize( ) limit (argument #3) must be greater"
                        + " than the base (argument #2) and the step positive, with at most 65535 levels"},
                new String[] {"BEGIN { @a = llquantize(1, 10, 0, 6, 15); }", "line 1: llquantize( ) needs a factor of at least 2,"
                        + " 0 <= low <= high, steps a multiple of the factor, and factor^(high+1) within 64 bits"},
                new String[] {"BEGIN { printa(@nowhere); }", "line 1: failed to resolve @nowhere: no clause assigns this aggregation"},
                new String[] {"BEGIN { x = \"a\"; x = 1; }", "line 1: operands have incompatible types: \"string\" = \"int\""},
                new String[] {"BEGIN /\"text\"/ { }", "line 1: a string cannot be used as a condition; compare it: s != \"\""},
                new String[] {"tick-5fortnights { }", "line 1: probe description :::tick-5fortnights does not match any probes"},
                new String[] {"dtrace:::ERROR { }", "line 1: the dtrace:::ERROR probe is not supported by this front-end"},
                new String[] {"BEGIN { x = curthread->t_pri; }", "line 1: structure members (->) are not supported:"
                        + " USDT arguments are integers and strings here"});
    }

    @ParameterizedTest
    @MethodSource("errors")
    void programsOutsideTheSubsetFailWithDTracesMessage(String program, String message) {
        CompileError error = assertThrows(CompileError.class, () -> compile(program, true));
        assertEquals(message, error.describe());
    }
}
