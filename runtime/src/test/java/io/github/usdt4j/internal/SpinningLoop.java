package io.github.usdt4j.internal;

import io.github.usdt4j.spi.ProbeSemaphore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Scanner;

/**
 * The child JVM of {@code SemaphoreReadersTest.aCompiledLoopSeesTheTracerAttach}: spins on a
 * probe's semaphore, read by the strategy named in {@code args[0]} (or folded and watched, for
 * {@link #WATCHED}, or polled, for {@link #POLLED}), in a loop the JIT compiles
 * (run with {@code -XX:+PrintCompilation}, which reports when). When a line comes on standard
 * input it raises the semaphore, as the kernel does when a tracer attaches, and prints
 * {@code ended} on standard error once the loop has seen it.
 */
public final class SpinningLoop {
    /** The argument for a semaphore the {@link SemaphoreWatcher} folds and watches. */
    static final String WATCHED = "WATCHED";
    /** The argument for a semaphore the {@link SemaphoreWatcher} polls. */
    static final String POLLED = "POLLED";

    private SpinningLoop() {}

    public static void main(String[] args) throws Exception {
        ByteBuffer semaphore = ByteBuffer.allocateDirect(Short.BYTES).order(ByteOrder.nativeOrder());
        ProbeSemaphore probe = args[0].equals(WATCHED)
                ? SemaphoreWatcher.watch(SpinningLoop.class, new ByteBuffer[] {semaphore},
                        new ProbeSemaphore[] {SemaphoreReaders.semaphore(semaphore)})[0]
                : args[0].equals(POLLED) ? SemaphoreWatcher.poll(SpinningLoop.class, new ByteBuffer[] {semaphore})[0]
                : SemaphoreReaders.Strategy.valueOf(args[0]).semaphoreOf(semaphore);
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
