package io.github.usdt4j.benchmarks;

import io.github.usdt4j.internal.SemaphoreReaders;
import io.github.usdt4j.internal.SemaphoreReaders.Strategy;
import io.github.usdt4j.spi.ProbeSemaphore;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why probes read their semaphore the way they do: the same disabled check through each of the
 * runtime's {@link Strategy strategies}, each held in a {@code static final} as generated code
 * holds it. A strategy this JDK lacks fails its benchmark (MEMORY_SEGMENT before JDK 22); on
 * JDK 24+ UNSAFE prints the JDK's warning, which is why the runtime never uses it there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SemaphoreReadBenchmark {
    static final BenchProbes EMPTY = new EmptyProbes();

    int value = 42;

    private static ProbeSemaphore semaphore(Strategy strategy) {
        try {
            return strategy.semaphoreOf(ByteBuffer.allocateDirect(Short.BYTES));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(strategy + " does not work on this JDK: " + e, e);
        }
    }

    static final class ByteBufferRead {
        static final ProbeSemaphore SEMAPHORE = semaphore(Strategy.BYTE_BUFFER);
    }

    static final class UnsafeRead {
        static final ProbeSemaphore SEMAPHORE = semaphore(Strategy.UNSAFE);
    }

    static final class MemorySegmentRead {
        static final ProbeSemaphore SEMAPHORE = semaphore(Strategy.MEMORY_SEGMENT);
    }

    static final class NeverEnabled {
        static final ProbeSemaphore SEMAPHORE = SemaphoreReaders.alwaysZero();
    }

    @Benchmark
    public void baselineEmptyCall() {
        EMPTY.intValue(value);
    }

    @Benchmark
    public void byteBufferVarHandle() {
        if (ByteBufferRead.SEMAPHORE.isEnabled()) {
            EMPTY.intValue(value);
        }
    }

    @Benchmark
    public void unsafeGetShortVolatile() {
        if (UnsafeRead.SEMAPHORE.isEnabled()) {
            EMPTY.intValue(value);
        }
    }

    @Benchmark
    public void memorySegmentOpaque() {
        if (MemorySegmentRead.SEMAPHORE.isEnabled()) {
            EMPTY.intValue(value);
        }
    }

    /** A provider whose library did not load. */
    @Benchmark
    public void libraryNotLoaded() {
        if (NeverEnabled.SEMAPHORE.isEnabled()) {
            EMPTY.intValue(value);
        }
    }
}
