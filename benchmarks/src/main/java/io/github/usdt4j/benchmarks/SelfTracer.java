package io.github.usdt4j.benchmarks;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/** bpftrace attached to this JVM for the enabled-probe benchmarks (needs root). */
final class SelfTracer implements AutoCloseable {
    private final Process bpftrace;

    SelfTracer(String script, BooleanSupplier attached) throws IOException, InterruptedException {
        bpftrace = new ProcessBuilder("bpftrace", "-p", Long.toString(ProcessHandle.current().pid()), "-e", script)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!attached.getAsBoolean()) {
            if (!bpftrace.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("bpftrace did not attach (the enabled benchmarks need root and bpftrace)");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        bpftrace.destroy();
        try {
            bpftrace.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
