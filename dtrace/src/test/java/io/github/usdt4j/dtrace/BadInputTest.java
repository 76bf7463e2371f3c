package io.github.usdt4j.dtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The D language as bad input: any script, however deep, long or malformed, ends with one
 * {@code dtrace:} line and status 1 or 2 (or compiles), quickly and never as a Java stack
 * trace. The cases issue 32's fuzzing found, then a seeded corpus of mutated scripts
 * ({@code -Dusdt4j.fuzzCount=N} for more, {@code -Dusdt4j.fuzzSeed=S} for another).
 */
class BadInputTest {
    private record Result(int status, String err) {}

    private static Result compile(String program) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DTrace.run(new String[] {"-e", "-n", program}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, err.toString(StandardCharsets.UTF_8));
    }

    private static void assertEndsWithAReason(String program, Result result) {
        assertTrue(result.status() >= 0 && result.status() <= 2, () -> program + ": status " + result.status());
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat ") || result.err().contains("Error:")
                || result.err().contains("internal error"), () -> program + ":\n" + result.err());
        if (result.status() != 0) {
            assertTrue(result.err().startsWith("dtrace: "), () -> program + ":\n" + result.err());
        }
    }

    @Test
    void theCasesFuzzingFound() {
        String deep = "BEGIN { x = " + "(".repeat(3000) + "1" + ")".repeat(3000) + "; }";
        String chain = "BEGIN { x = 1" + "+1".repeat(50_000) + "; }";
        String casts = "BEGIN { x = " + "(int)".repeat(60) + "1; }";
        StringBuilder doubling = new StringBuilder("inline int a0 = 1;\n");
        StringBuilder doublingVariables = new StringBuilder("inline int b0 = y;\n");
        for (int i = 1; i <= 30; i++) {
            doubling.append("inline int a").append(i).append(" = a").append(i - 1).append(" + a").append(i - 1).append(";\n");
            doublingVariables.append("inline int b").append(i).append(" = b").append(i - 1).append(" + b").append(i - 1).append(";\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertEquals(new Result(1, "dtrace: invalid probe specifier " + deep
                    + ": line 1: expression nested more than 1000 levels deep\n"), compile(deep));
            assertEquals(1, compile(chain).status());
            assertEquals(new Result(1, "dtrace: invalid probe specifier BEGIN { x = ----------1; }: line 1:"
                    + " operator -- requires modifiable lvalue as an operand\n"), compile("BEGIN { x = ----------1; }"));
            assertEquals(new Result(1, "dtrace: invalid probe specifier BEGIN { x = $999999999999999999999; }: line 1:"
                    + " macro argument $999999999999999999999 is not defined\n"), compile("BEGIN { x = $999999999999999999999; }"));
            assertEquals(0, compile(casts).status());
            assertEquals(0, compile(doubling + "BEGIN { x = a30; }").status()); // one number, 2^30
            assertTrue(compile(doublingVariables + "BEGIN { x = b30; }").err()
                    .endsWith("inline b13 expands to more than 10000 terms: every use of an inline is its whole expression\n"));
            assertEquals(new Result(1, "dtrace: invalid probe specifier inline int z = 1 / 0; BEGIN { x = z; }: line 1:"
                    + " expression contains division by zero\n"), compile("inline int z = 1 / 0; BEGIN { x = z; }"));
        });
    }

    /** Scripts made from the test programs by dropping, doubling, swapping and inserting tokens. */
    @Test
    void mutatedScriptsEndWithAReason() throws Exception {
        List<String> corpus = new ArrayList<>();
        try (Stream<Path> programs = Files.list(Path.of("src/test/resources/programs"))) {
            for (Path program : (Iterable<Path>) programs.sorted()::iterator) {
                corpus.add(Files.readString(program));
            }
        }
        long seed = Long.getLong("usdt4j.fuzzSeed", 20261207L);
        int count = Integer.getInteger("usdt4j.fuzzCount", 2000);
        Random random = new Random(seed);
        String[] inserts = {"(", ")", "{", "}", "[", "]", ";", ",", "-", "--", "++", "*", "&", "/", "=", "==", "?", ":",
                "\"", "'", "\\", "$", "$1", "$999999999999", "@", "@@", "->", ".", "0x", "1e5", "1.5", "0777777777777777777777777",
                "self->", "this->", "(int)", "(string)", "(char *)", "inline", "int", "BEGIN", "printf(", "printa(",
                "copyinstr(", "strjoin(", "stringof(", "copyin(", "ustack(", "count()", "quantize(", "lquantize(", "#pragma D option ",
                "\n", "/*", "*/", "\0", "\u001b[2J", "é", "\uffff"};
        assertTimeoutPreemptively(Duration.ofSeconds(600), () -> {
            for (int i = 0; i < count; i++) {
                String[] tokens = corpus.get(random.nextInt(corpus.size())).split("(?<=[\\s(){}\\[\\];,])|(?=[\\s(){}\\[\\];,])");
                List<String> mutated = new ArrayList<>(List.of(tokens));
                for (int n = 1 + random.nextInt(6); n > 0 && !mutated.isEmpty(); n--) {
                    int at = random.nextInt(mutated.size());
                    switch (random.nextInt(4)) {
                        case 0 -> mutated.remove(at);
                        case 1 -> mutated.add(at, mutated.get(random.nextInt(mutated.size())));
                        case 2 -> mutated.add(at, inserts[random.nextInt(inserts.length)]);
                        default -> java.util.Collections.swap(mutated, at, random.nextInt(mutated.size()));
                    }
                }
                String program = String.join("", mutated);
                long started = System.nanoTime();
                Result result = compile(program);
                assertEndsWithAReason("seed " + seed + ", script " + i + ":\n" + program, result);
                assertTrue(System.nanoTime() - started < 10_000_000_000L, "seed " + seed + ", script " + i + " took over 10 s");
            }
        });
    }
}
