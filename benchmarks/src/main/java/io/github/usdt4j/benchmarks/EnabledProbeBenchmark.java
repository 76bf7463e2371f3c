package io.github.usdt4j.benchmarks;

import io.github.usdt4j.Providers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Probes with bpftrace attached and counting ({@code count()}), fired from Java through usdt4j
 * and, in the same run under the same tracer, from a C loop: the kernel's trap dominates both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1) // the kernel trap is noisy on a small VM: more samples
@Fork(2)
public class EnabledProbeBenchmark {
    static final BenchProbes PROBES = Providers.get(BenchProbes.class);
    private static final int C_LOOP = 100;

    int value = 42;
    String text = "GET /items/7 HTTP/1.1";
    private SelfTracer tracer;

    @Setup(Level.Trial)
    public void attachBpftrace() throws Exception {
        CProbes.load();
        tracer = new SelfTracer("usdt::bench:int__value { @java = count(); }"
                + " usdt::bench:string__value { @string = count(); }"
                + " usdt::cbench:fire { @c = count(); }"
                + " usdt::cbench:fire5 { @c5 = count(); }",
                PROBES::intValueEnabled);
        Thread.sleep(1000); // bpftrace attaches its probes one after another
    }

    @TearDown(Level.Trial)
    public void detach() throws Exception {
        tracer.close();
    }

    @Benchmark
    public void enabledInt() {
        PROBES.intValue(value);
    }

    @Benchmark
    public void enabledString() {
        PROBES.stringValue(text);
    }

    /** The same C probe fired through a plain JNI call per probe, as hand-written JNI would. */
    @Benchmark
    public void jniCallCheckingInCSameTracer() {
        CProbes.jniCheck(value);
    }

    /**
     * The same probe shape fired from C, per probe: no JNI, just the semaphore check and the
     * trap, at sys/sdt.h's own 1-byte nop probe site.
     */
    @Benchmark
    @OperationsPerInvocation(C_LOOP)
    public void cProbeSameTracer() {
        CProbes.fireLoop(C_LOOP);
    }

    /** {@link #cProbeSameTracer} at the 5-byte nop site usdt4j's glue uses. */
    @Benchmark
    @OperationsPerInvocation(C_LOOP)
    public void cProbeNop5SameTracer() {
        CProbes.fireLoop5(C_LOOP);
    }
}
