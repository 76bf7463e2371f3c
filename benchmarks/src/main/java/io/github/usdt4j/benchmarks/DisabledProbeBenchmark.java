package io.github.usdt4j.benchmarks;

import io.github.usdt4j.Providers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A probe nobody traces, against what a user would otherwise write: nothing (an empty call),
 * a JFR event that is not recorded, a JNI call that checks the semaphore in C.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DisabledProbeBenchmark {
    static final BenchProbes PROBES = Providers.get(BenchProbes.class);
    static final BenchProbes EMPTY = new EmptyProbes();

    int value = 42;
    String text = "GET /items/7 HTTP/1.1";
    Object thing = java.time.Duration.ofMillis(1234);

    @Setup
    public void requireLoadedProvider() {
        if (!Providers.status(BenchProbes.class).active()) {
            throw new IllegalStateException("provider bench is not active: " + Providers.status(BenchProbes.class));
        }
        CProbes.load();
    }

    @Benchmark
    public void baselineEmptyCall() {
        EMPTY.intValue(value);
    }

    @Benchmark
    public void disabledInt() {
        PROBES.intValue(value);
    }

    @Benchmark
    public void disabledString() {
        PROBES.stringValue(text);
    }

    @Benchmark
    public void disabledObject() {
        PROBES.objectValue(thing);
    }

    @Benchmark
    public boolean isEnabledCheck() {
        return PROBES.intValueEnabled();
    }

    @Benchmark
    public void jfrEventNotRecorded() {
        BenchEvent event = new BenchEvent();
        if (event.isEnabled()) {
            event.value = value;
            event.commit();
        }
    }

    @Benchmark
    public void jniCallCheckingInC() {
        CProbes.jniCheck(value);
    }

    /** Two threads (this machine's cores) on the same disabled probe: nothing is shared but a read. */
    @Benchmark
    @Threads(2)
    public void disabledIntTwoThreads() {
        PROBES.intValue(value);
    }
}
