package io.github.usdt4j.dtrace.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** bpftrace's failures before it attaches become one line with the fix. */
class SessionTest {
    @Test
    void whyBpftraceFailedIsOneLineWithTheFix() {
        assertEquals("bpftrace needs root (or CAP_BPF and CAP_PERFMON): run dtrace as root",
                Session.explain(List.of("ERROR: bpf() syscall failed: Operation not permitted"), 1));
        assertEquals("tracefs is not mounted: as root, mount -t tracefs nodev /sys/kernel/tracing",
                Session.explain(List.of("ERROR: could not open /sys/kernel/debug/tracing/uprobe_events"), 1));
        assertEquals("bpftrace failed: Could not resolve symbol: /x.so:foo",
                Session.explain(List.of("Attaching 2 probes...", "ERROR: Could not resolve symbol: /x.so:foo"), 1));
        assertEquals("bpftrace ended with status 255 before attaching", Session.explain(List.of(), 255));
    }

    @Test
    void stddevIsDTracesIntegerArithmetic() {
        // values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, standard deviation 2
        assertEquals(2, Renderer.stddev(8, 40, 232));
        assertEquals(0, Renderer.stddev(3, 21, 147));
    }

    @Test
    void keysSplitIntegersOffAndLeaveCommasToTheString() {
        List<io.github.usdt4j.dtrace.output.AggregationPrinter.Key> keys = Renderer.keys("a,b,c,42",
                List.of(io.github.usdt4j.dtrace.compile.DType.STRING, io.github.usdt4j.dtrace.compile.DType.INT));
        assertEquals("a,b,c", keys.get(0).text());
        assertEquals(42, keys.get(1).number());
    }

    @Test
    void stacksArePrintedAsDTracePrintsThem() {
        String perf = "\n\t7f03141031e7 Java_x_Usdt4j_1P_fire_1go+7 (/tmp/usdt4j-root/libusdt4j-p-0123.so)\n"
                + "\t7f0314100000 main+0 (/usr/bin/app)\n"
                + "\t7f0300941260 0x7f0300941260 ([unknown])\n"
                + "\t7f0300941300 [unknown] (/usr/lib/jvm/lib/server/libjvm.so)\n";
        String indent = " ".repeat(14);
        assertEquals("\n"
                + indent + "libusdt4j-p-0123.so`Java_x_Usdt4j_1P_fire_1go+0x7\n"
                + indent + "app`main\n"
                + indent + "0x7f0300941260\n"
                + indent + "libjvm.so`0x7f0300941300\n", Renderer.stack(perf));
    }
}
