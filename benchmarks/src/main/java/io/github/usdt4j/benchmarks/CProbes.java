package io.github.usdt4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The C side of the comparisons, built when first used with the same tools usdt4j uses
 * (dtrace -h, cc, dtrace -G): a provider {@code cbench}, a JNI function that checks a probe's
 * semaphore in C (what a hand-written JNI probe would do), and C loops that fire a probe with
 * no JNI at all, at sys/sdt.h's own probe site and at usdt4j's.
 */
final class CProbes {
    static {
        try {
            Path work = Files.createTempDirectory("usdt4j-cbench");
            copy("cbench.d", work);
            copy("cbench.c", work);
            String javaHome = System.getProperty("java.home");
            run(work, "dtrace", "-h", "-s", "cbench.d", "-o", "cbench.h");
            // x86-64 only, like the 5-byte probe site it builds: see usdt4j.h and Linker
            run(work, "cc", "-O2", "-fPIC", "-mno-red-zone", "-I", javaHome + "/include", "-I", javaHome + "/include/linux",
                    "-c", "cbench.c", "-o", "cbench.o");
            run(work, "dtrace", "-G", "-s", "cbench.d", "-o", "cbench-probes.o", "cbench.o");
            run(work, "cc", "-shared", "-o", "libcbench.so", "cbench.o", "cbench-probes.o");
            System.load(work.resolve("libcbench.so").toString());
        } catch (IOException e) {
            throw new IllegalStateException("building the C comparison library failed: " + e.getMessage(), e);
        }
    }

    private CProbes() {}

    static void load() {
        // the static initialiser did the work
    }

    /** A JNI call per probe that checks the semaphore in C. */
    static native void jniCheck(int value);

    /** Fires the probe {@code count} times from a C loop, checking the semaphore each time. */
    static native void fireLoop(int count);

    /** {@link #fireLoop}, at a 5-byte nop probe site like usdt4j's (probe {@code fire5}). */
    static native void fireLoop5(int count);

    private static void copy(String resource, Path work) throws IOException {
        try (InputStream in = CProbes.class.getResourceAsStream(resource)) {
            Files.copy(in, work.resolve(resource));
        }
    }

    private static void run(Path work, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", List.of(command)) + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
