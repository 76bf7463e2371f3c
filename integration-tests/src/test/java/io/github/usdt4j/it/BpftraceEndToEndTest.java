package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path for real: the conformance provider, built by the processor and the link goal
 * with the real cc and dtrace, fired by a separate JVM, read by {@code bpftrace -p}. Every
 * argument value is compared exactly.
 */
class BpftraceEndToEndTest {
    /** Prints each probe's arguments; {@code %ld} because bpftrace 0.17's {@code %d} keeps 32 bits. */
    private static final String SCRIPT = String.join("\n",
            "usdt::conformance:integers { printf(\"integers %ld %ld %ld %ld %ld %ld\\n\", arg0, arg1, arg2, arg3, arg4, arg5); }",
            "usdt::conformance:strings { printf(\"strings %d:%s|%d:%s|%d:%s\\n\", arg0 != 0, str(arg0), arg1 != 0, str(arg1), arg2 != 0, str(arg2)); }",
            "usdt::conformance:cut { printf(\"cut %s|%s|%s\\n\", str(arg0), str(arg1), str(arg2)); }",
            "usdt::conformance:objects { printf(\"objects %d:%s|%d:%s|%lu|%lx\\n\", arg0 != 0, str(arg0), arg1 != 0, str(arg1), arg2, arg3); }",
            "usdt::conformance:done { printf(\"done %d\\n\", arg0); exit(); }",
            "");

    @BeforeAll
    static void requireBpftrace() {
        Tracers.require("bpftrace", "bpftrace");
    }

    @Test
    void providersOfSeveralModulesFireInOneJvm() throws Exception {
        List<String> events = trace("providers", String.join("\n",
                "usdt::services:tick { printf(\"services:tick %d %s\\n\", arg0, str(arg1)); }",
                "usdt::libmtev:log { printf(\"libmtev:log %s %s:%d %s\\n\", str(arg0), str(arg1), arg2, str(arg3)); }",
                "usdt::conformance:done { printf(\"done %d\\n\", arg0); exit(); }",
                ""));
        assertEquals(List.of(
                "services:tick 7 integration-tests",
                "libmtev:log it FireAll.java:42 from another module",
                "done 1"), events);
    }

    /**
     * Runs FireAll's scenario under bpftrace and returns the lines the program printed. FireAll
     * fires on our word, given once bpftrace has attached every probe.
     */
    private static List<String> trace(String scenario, String program, String... jvmOptions) throws Exception {
        try (Tracers.Running app = Tracers.fireAll(scenario, Path.of(System.getProperty("usdt4j.dir")), jvmOptions)) {
            String pid = app.await("ready ", 60).split(" ")[1];
            List<String> events;
            // bpftrace 0.17 reads 64 bytes of a string by default; 100 shows the long one's cut
            // while keeping the BPF stack under its 512 bytes.
            try (Tracers.Running tracer = Tracers.bpftrace(pid, program, Map.of("BPFTRACE_STRLEN", "100"))) {
                app.send(FireAll.GO);
                tracer.await("done ", 60);
                events = Tracers.printed(tracer);
            }
            app.await("fired", 30);
            return events;
        }
    }

    /** Read on every call (the default), folded and watched, or polled: the same events, value for value. */
    @ParameterizedTest
    @ValueSource(strings = {"read", "watch", "poll"})
    void everyArgumentKindArrivesWithItsExactValue(String semaphores) throws Exception {
        List<String> events = trace("all", SCRIPT, "-Dusdt4j.semaphores=" + semaphores);

        String x99 = "x".repeat(99); // BPFTRACE_STRLEN less the NUL
        assertEquals(List.of(
                "integers 1 -128 -32768 65535 -2147483648 -9223372036854775808",
                "integers 0 127 32767 65 2147483647 9223372036854775807",
                "integers 0 -1 -1 233 -1 -1",
                "strings 1:plain ascii|1:gr\u00fc\u00dfe \u2014 \u03c0|1:rocket \uD83D\uDE80 clef \uD834\uDD1E",
                "strings 0:|1:|1:" + x99,
                // unpaired surrogates become U+FFFD; an embedded NUL ends the string
                "strings 1:a\uFFFDb|1:ab|1:\uFFFD",
                // cut on character boundaries: 10 bytes hold two euro signs after "ab", two rockets
                "cut ab\u20ac\u20ac|\uD83D\uDE80\uD83D\uDE80|abc",
                // megabyte strings: three euro signs (9 of 10 bytes), two rockets, NULs end at once
                "cut \u20ac\u20ac\u20ac|\uD83D\uDE80\uD83D\uDE80|",
                "objects 1:GREEN|1:Point[x=3, y=-4]|18446744073709551615|deadbeefcafe",
                "objects 0:|0:|0|0",
                "objects 1:RED|1:<toString() failed>|9223372036854775807|1",
                "objects 1:GREEN|0:|9223372036854775808|ffffffffffffffff",
                "done 1"), events);
    }
}
