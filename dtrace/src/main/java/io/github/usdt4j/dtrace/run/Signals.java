package io.github.usdt4j.dtrace.run;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Sends signals to other processes, which Java itself cannot, through kill(1). */
public final class Signals {
    private static final Set<String> ENDING = Set.of("INT", "TERM", "KILL");

    private Signals() {}

    /**
     * Sends {@code signal} ({@code INT}, {@code CONT}…) to {@code pid}. Should kill(1) be
     * missing, a signal that ends the process is replaced by Java's own way to end it.
     */
    public static void send(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            if (ENDING.contains(signal)) {
                ProcessHandle.of(pid).ifPresent(signal.equals("KILL") ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
