package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Eight threads fire one probe nonstop while bpftrace attaches and detaches five times: no
 * crash, no exception. Then, with a tracer attached throughout, exactly as many events
 * arrive as were fired, counted on both sides.
 */
class ConcurrencyTest {
    @BeforeAll
    static void requireBpftrace() {
        Tracers.require("bpftrace", "bpftrace");
    }

    @Test
    void tracersComeAndGoAndNoEventIsLostWhileOneStays() throws Exception {
        try (Tracers.Running app = Tracers.fireAll("storm")) {
            String pid = app.await("ready ", 60).split(" ")[1];
            app.await("churning", 60);
            for (int round = 0; round < 5; round++) {
                try (Tracers.Running churn = Tracers.bpftrace(pid,
                        "usdt::conformance:counted { @events = count(); }")) {
                    Thread.sleep(300);
                    churn.interrupt();
                }
            }
            String counted;
            String fired;
            app.send("exact");
            app.await("quiet", 60);
            try (Tracers.Running tracer = Tracers.bpftrace(pid,
                    "usdt::conformance:counted { @counted = count(); }"
                            + " usdt::conformance:done { printf(\"fired %ld\\n\", arg0); print(@counted); exit(); }")) {
                app.send(FireAll.GO);
                fired = tracer.await("fired ", 120);
                counted = tracer.await("@counted: ", 30);
            }
            app.await("fired", 30);
            long expected = (long) FireAll.THREADS * FireAll.EXACT_PER_THREAD;
            assertEquals("fired " + expected, fired);
            assertEquals("@counted: " + expected, counted);
            assertEquals(List.of(), app.all.stream().filter(l -> l.contains("Exception")).toList(),
                    "the application saw no exception");
        }
    }
}
