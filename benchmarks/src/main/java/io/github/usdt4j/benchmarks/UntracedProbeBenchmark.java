package io.github.usdt4j.benchmarks;

import io.github.usdt4j.Providers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An untraced probe in the two shapes users write, each beside its baseline and an unrecorded
 * JFR event in the same fork: a method that returns {@code x + 1} with the probe inside, and a
 * {@code void} call. Run for each way of checking the semaphore ({@code usdt4j.semaphores}):
 * {@code read} on every call, {@code watch}, folded by the JIT until a tracer attaches, and
 * {@code poll}, a watcher's copy read on every call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class UntracedProbeBenchmark {
    /** The property is read as the provider loads, so the provider is loaded after the setup sets it. */
    @Param({"read", "watch", "poll"})
    public String semaphores;

    int value = 42;
    String text = "GET /items/7 HTTP/1.1";
    Object thing = java.time.Duration.ofMillis(1234);

    /** Loaded on first use, after {@link #setMode()}: a static final, which the JIT trusts. */
    static final class Loaded {
        static final BenchProbes PROBES = Providers.get(BenchProbes.class);
    }

    @Setup
    public void setMode() {
        System.setProperty("usdt4j.semaphores", semaphores);
        if (!Providers.status(BenchProbes.class).active()) {
            throw new IllegalStateException("provider bench is not active: " + Providers.status(BenchProbes.class));
        }
        if (Loaded.PROBES.intValueEnabled()) {
            throw new IllegalStateException("a tracer is attached to the bench provider");
        }
    }

    @Benchmark
    public int returnsBaseline() {
        return value + 1;
    }

    @Benchmark
    public int returnsWithIntProbe() {
        Loaded.PROBES.intValue(value);
        return value + 1;
    }

    @Benchmark
    public int returnsWithStringProbe() {
        Loaded.PROBES.stringValue(text);
        return value + 1;
    }

    @Benchmark
    public int returnsWithObjectProbe() {
        Loaded.PROBES.objectValue(thing);
        return value + 1;
    }

    @Benchmark
    public int returnsWithEnabledCheck() {
        if (Loaded.PROBES.intValueEnabled()) {
            Loaded.PROBES.intValue(value);
        }
        return value + 1;
    }

    @Benchmark
    public int returnsWithJfrEventNotRecorded() {
        BenchEvent event = new BenchEvent();
        if (event.isEnabled()) {
            event.value = value;
            event.commit();
        }
        return value + 1;
    }

    @Benchmark
    public void voidBaseline() {
        DisabledProbeBenchmark.EMPTY.intValue(value);
    }

    @Benchmark
    public void voidIntProbe() {
        Loaded.PROBES.intValue(value);
    }

    @Benchmark
    public void voidJfrEventNotRecorded() {
        BenchEvent event = new BenchEvent();
        if (event.isEnabled()) {
            event.value = value;
            event.commit();
        }
    }
}
