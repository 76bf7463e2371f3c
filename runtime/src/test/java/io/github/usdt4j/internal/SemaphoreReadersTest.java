package io.github.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.spi.ProbeSemaphore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SemaphoreReadersTest {
    static Iterable<SemaphoreReaders.Strategy> strategies() {
        return SemaphoreReaders.Strategy.usable();
    }

    /** A semaphore as the kernel keeps it: an unsigned short in native byte order. */
    private static ByteBuffer semaphore() {
        return ByteBuffer.allocateDirect(Short.BYTES).order(ByteOrder.nativeOrder());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void readsWhatTheKernelWrites(SemaphoreReaders.Strategy strategy) throws Throwable {
        ByteBuffer semaphore = semaphore();
        ProbeSemaphore probe = strategy.semaphoreOf(semaphore);
        assertFalse(probe.isEnabled());
        semaphore.putShort(0, (short) 1);
        assertTrue(probe.isEnabled());
        assertEquals((short) 1, probe.reader().read(probe.base(), probe.offset()));
        semaphore.putShort(0, (short) 0xffff); // 65535 tracers: still non-zero as a Java short
        assertTrue(probe.isEnabled());
        semaphore.putShort(0, (short) 0);
        assertFalse(probe.isEnabled());
    }

    /**
     * A compiled loop must see a tracer that attaches while it runs: the read may not be
     * hoisted out of the loop, as C2 hoists a plain read (the loop then never ends). The loop
     * runs in a child JVM that reports its compilations, and the semaphore is raised only once
     * C2 has compiled it (the on-stack replacement at tier 4), instead of after a sleep.
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void aCompiledLoopSeesTheTracerAttach(SemaphoreReaders.Strategy strategy) throws Exception {
        compiledLoopSeesTheSemaphoreRise(strategy.name());
    }

    /** Runs {@link SpinningLoop} with {@code mode} and checks that its compiled loop ends once the semaphore rises. */
    static void compiledLoopSeesTheSemaphoreRise(String mode) throws Exception {
        // The compiler's reports come on standard output, the loop's end on standard error, so
        // that the two never share a line.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path"),
                SpinningLoop.class.getName(), mode).start();
        CompletableFuture<Void> compiled = new CompletableFuture<>();
        Thread compilations = new Thread(() -> {
            try (BufferedReader out = reader(child.getInputStream())) {
                for (String line; (line = out.readLine()) != null; ) { // read to the end: the child must not block
                    if (C2_COMPILED_LOOP.matcher(line).matches()) {
                        compiled.complete(null);
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        });
        compilations.setDaemon(true);
        compilations.start();
        try {
            compiled.get(60, TimeUnit.SECONDS);
            child.getOutputStream().write("raise\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
            CompletableFuture<String> ended = CompletableFuture.supplyAsync(() -> firstLine(child.getErrorStream()));
            String line = ended.get(60, TimeUnit.SECONDS);
            assertTrue(line != null && ENDED.matcher(line).matches(), "the compiled loop saw the semaphore rise: " + line);
        } finally {
            child.destroyForcibly();
        }
    }

    /** -XX:+PrintCompilation's line for an on-stack replacement ({@code %}) of the loop at tier 4 (C2). */
    private static final Pattern C2_COMPILED_LOOP =
            Pattern.compile(".*\\s%\\s+4\\s+" + Pattern.quote(SpinningLoop.class.getName() + "::spin") + " @ \\d+ \\(\\d+ bytes\\)");
    private static final Pattern ENDED = Pattern.compile("ended after \\d+ reads");

    private static BufferedReader reader(java.io.InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static String firstLine(java.io.InputStream in) {
        try {
            return reader(in).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void theDefaultReaderUsesTheBestStrategyAndEveryJvmHasOne() throws Throwable {
        assertTrue(SemaphoreReaders.Strategy.usable().contains(SemaphoreReaders.Strategy.BYTE_BUFFER));
        ByteBuffer semaphore = semaphore();
        semaphore.putShort(0, (short) 3);
        ProbeSemaphore best = SemaphoreReaders.semaphore(semaphore);
        assertEquals((short) 3, best.reader().read(best.base(), best.offset()));
    }

    @Test
    void aProviderThatDidNotLoadIsNeverEnabled() {
        assertFalse(SemaphoreReaders.alwaysZero().isEnabled());
    }

    @Test
    void rejectsWhatIsNotASemaphore() {
        assertThrows(IllegalArgumentException.class, () -> SemaphoreReaders.semaphore(ByteBuffer.allocate(2)));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreReaders.semaphore(ByteBuffer.allocateDirect(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new SemaphoreReaders.HandleReader(MethodHandles.constant(int.class, 0)));
    }
}
