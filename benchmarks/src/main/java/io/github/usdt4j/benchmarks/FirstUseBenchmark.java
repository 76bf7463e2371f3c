package io.github.usdt4j.benchmarks;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * First use of a provider, as an application meets it: one sample per fresh JVM (nothing
 * warmed up, usdt4j's classes loaded for the first time), {@code Providers.get} in a fresh
 * class loader with a fresh extraction directory, so the call checks the directory, hashes,
 * extracts, verifies and loads the library.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(30)
public class FirstUseBenchmark {
    private ClassLoader loader;

    @Setup(Level.Invocation)
    public void freshLoaderAndDirectory() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        System.setProperty("usdt4j.dir", Files.createTempDirectory("usdt4j-first-use").toString());
    }

    @Benchmark
    public Object providersGet() throws Exception {
        Class<?> providers = loader.loadClass("io.github.usdt4j.Providers");
        Class<?> probes = loader.loadClass("io.github.usdt4j.benchmarks.BenchProbes");
        Object instance = providers.getMethod("get", Class.class).invoke(null, probes);
        Object status = providers.getMethod("status", Class.class).invoke(null, probes);
        if (!(Boolean) status.getClass().getMethod("active").invoke(status)) {
            throw new IllegalStateException("not active: " + status);
        }
        return instance;
    }
}
