package io.github.usdt4j.benchmarks;

import io.github.usdt4j.Providers;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * What the glue costs without the kernel's trap: the generated native methods called directly,
 * with no tracer attached, so the probe site is a nop. Separates the JNI call and the string
 * conversion from the trap, whose noise hides them in {@link EnabledProbeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GlueBenchmark {
    static final MethodHandle FIRE_INT;
    static final MethodHandle FIRE_STRING;

    static {
        try {
            Providers.get(BenchProbes.class);
            Class<?> implementation = Class.forName(BenchProbes.class.getPackageName() + ".Usdt4j_BenchProbes");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(implementation, MethodHandles.lookup());
            FIRE_INT = lookup.findStatic(implementation, "fire_int__value", MethodType.methodType(void.class, int.class));
            FIRE_STRING = lookup.findStatic(implementation, "fire_string__value",
                    MethodType.methodType(void.class, String.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    int value = 42;
    String text = "GET /items/7 HTTP/1.1";
    /** Longer than the default 255-byte cut. */
    String longText = "x".repeat(300);

    @Benchmark
    public void intProbeGlue() throws Throwable {
        FIRE_INT.invokeExact(value);
    }

    @Benchmark
    public void stringProbeGlue() throws Throwable {
        FIRE_STRING.invokeExact(text, text.length()); // as the generated probe passes it
    }

    @Benchmark
    public void longStringProbeGlue() throws Throwable {
        FIRE_STRING.invokeExact(longText, longText.length());
    }
}
