package io.github.usdt4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the JVM's own method and allocation probes (docs/jvm.md) cost the code they watch: a
 * small method call that returns a value, and an allocation, measured with the probes off (the
 * JVM's default), switched on by -XX:+DTraceMethodProbes -XX:+DTraceAllocProbes but untraced,
 * and on and traced by bpftrace counting every method entry, return and allocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class JvmProbesBenchmark {
    long x = 42;

    /** What a caller does with a value: the JIT inlines it, and with the probes on, still reports the call. */
    static long work(long x) {
        return x * 31 + 7;
    }

    @Benchmark
    public long call() {
        return work(x);
    }

    @Benchmark
    public Object allocate() {
        return new long[] {x};
    }

    /** The JVM's defaults: no probe code in compiled methods. */
    @Fork(2)
    public static class ProbesOff extends JvmProbesBenchmark {}

    /** The flags on, nobody tracing. */
    @Fork(value = 2, jvmArgsAppend = {"-XX:+DTraceMethodProbes", "-XX:+DTraceAllocProbes"})
    public static class ProbesOnUntraced extends JvmProbesBenchmark {}

    /** The flags on, and bpftrace counting method-entry, method-return and object-alloc in this JVM (needs root). */
    @Fork(value = 2, jvmArgsAppend = {"-XX:+DTraceMethodProbes", "-XX:+DTraceAllocProbes"})
    public static class ProbesOnTraced extends JvmProbesBenchmark {
        private Process bpftrace;

        @Setup(Level.Trial)
        public void attachBpftrace() throws Exception {
            String libjvm = Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so").toRealPath().toString();
            Path output = Files.createTempFile("jvm-probes-bpftrace", ".txt");
            bpftrace = new ProcessBuilder("bpftrace", "-p", Long.toString(ProcessHandle.current().pid()), "-e",
                    "BEGIN { printf(\"attached\\n\"); }"
                            + " usdt:" + libjvm + ":hotspot:method__entry { @entries = count(); }"
                            + " usdt:" + libjvm + ":hotspot:method__return { @returns = count(); }"
                            + " usdt:" + libjvm + ":hotspot:object__alloc { @allocations = count(); }")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(output).contains("attached")) {
                if (!bpftrace.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("bpftrace did not attach (needs root): " + Files.readString(output));
                }
                Thread.sleep(10);
            }
        }

        @TearDown(Level.Trial)
        public void detach() throws Exception {
            bpftrace.destroy();
            bpftrace.waitFor();
        }
    }
}
