package io.github.usdt4j.internal;

import io.github.usdt4j.spi.ProbeSemaphore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Scanner;

/**
 * The child JVM of {@code SemaphoreReadersTest.aCompiledLoopSeesTheTracerAttach}: spins on a
 * probe's semaphore, read by the strategy named in {@code args[0]}, in a loop the JIT compiles
 * (run with {@code -XX:+PrintCompilation}, which reports when). When a line comes on standard
 * input it raises the semaphore, as the kernel does when a tracer attaches, and prints
 * {@code ended} on standard error once the loop has seen it.
 */
public final class SpinningLoop {
    private SpinningLoop() {}

    public static void main(String[] args) throws Exception {
        ByteBuffer semaphore = ByteBuffer.allocateDirect(Short.BYTES).order(ByteOrder.nativeOrder());
        ProbeSemaphore probe = new ProbeSemaphore(SemaphoreReaders.Strategy.valueOf(args[0]).readerOf(semaphore));
        Thread spinner = new Thread(() -> System.err.println("ended after " + spin(probe) + " reads"));
        spinner.start();
        new Scanner(System.in, StandardCharsets.UTF_8).nextLine();
        semaphore.putShort(0, (short) 1);
        spinner.join();
    }

    static long spin(ProbeSemaphore probe) {
        long reads = 0;
        while (!probe.isEnabled()) {
            reads++;
        }
        return reads;
    }
}
