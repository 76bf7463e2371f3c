package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All twelve arguments of a probe, read by perf (bpftrace 0.17 reads only six): {@code perf
 * buildid-cache} learns the extracted library's notes, {@code perf probe} defines the SDT event, {@code perf record -p} records it,
 * {@code perf script} prints every argument.
 */
class PerfEndToEndTest {
    @BeforeAll
    static void requirePerf() {
        Tracers.require("perf", "linux-perf");
    }

    @Test
    void twelveArgumentsArriveWithTheirExactValues(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("perf.data");
        String library;
        try (Tracers.Running app = Tracers.fireAll("wide")) {
            String[] ready = app.await("ready ", 60).split(" ");
            String pid = ready[1];
            library = ready[2];
            // perf probe finds SDT notes through its build-id cache, so the library goes in first;
            // a stale entry (an empty probe list left by an earlier failed call) is dropped.
            new ProcessBuilder("perf", "buildid-cache", "--remove", library).start().waitFor();
            run("perf", "buildid-cache", "--add", library);
            run("perf", "probe", "-q", "-x", library, "-a", "sdt_conformance:wide");
            try {
                Process record = new ProcessBuilder("perf", "record", "-q", "-e", "sdt_conformance:wide",
                        "-p", pid, "-o", data.toString()).inheritIO().start();
                app.await("firing", 60);
                Thread.sleep(3000); // perf records from the moment it enables its events
                record.destroy(); // SIGTERM: perf record writes its file and exits
                if (!record.waitFor(30, TimeUnit.SECONDS)) {
                    record.destroyForcibly();
                }
            } finally {
                run("perf", "probe", "-q", "-d", "sdt_conformance:*");
                app.send("stop");
            }
        }
        Process script = new ProcessBuilder("perf", "script", "-i", data.toString()).redirectErrorStream(true).start();
        List<String> events = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("sdt_conformance:wide:"))
                .map(l -> l.substring(l.indexOf(") ") + 2))
                .distinct()
                .collect(Collectors.toList());
        script.waitFor();
        assertFalse(events.isEmpty(), "perf recorded no event of sdt_conformance:wide");
        assertEquals(List.of("arg1=1 arg2=-2 arg3=3 arg4=9223372036854775807 arg5=-5 arg6=6 arg7=7 arg8=-8"
                + " arg9=-2147483648 arg10=10 arg11=11 arg12=-9223372036854775808"), events);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + " failed:\n" + output);
    }
}
