package io.github.usdt4j.dtrace.run;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Signals, which Java has no API for: sent to other processes through kill(1) (by its trusted
 * path, {@link Tools}), and received
 * through the JDK's {@code sun.misc.Signal}.
 */
public final class Signals {
    private static final Set<String> ENDING = Set.of("INT", "TERM", "KILL");

    private Signals() {}

    /**
     * Sends {@code signal} ({@code INT}, {@code CONT}…) to {@code pid}. Should kill(1) be
     * missing, a signal that ends the process is replaced by Java's own way to end it.
     */
    public static void send(long pid, String signal) {
        try {
            String kill = Tools.find("kill");
            if (kill == null) {
                throw new IOException("no kill belonging to root");
            }
            new ProcessBuilder(kill, "-" + signal, Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            if (ENDING.contains(signal)) {
                ProcessHandle.of(pid).ifPresent(signal.equals("KILL") ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code handler} when this JVM receives one of {@code names} ({@code INT}, {@code TERM})
     * instead of ending it. Returns false where the JVM has no {@code sun.misc.Signal}; then the
     * default handling ends the JVM. The class is reached by reflection: it is the JDK's only way
     * to catch a signal, but unsupported API that the build's {@code -Werror} rejects by name.
     */
    public static boolean handle(List<String> names, Runnable handler) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> signalHandler = Class.forName("sun.misc.SignalHandler");
            Object proxy = Proxy.newProxyInstance(signalHandler.getClassLoader(), new Class<?>[] {signalHandler},
                    (self, method, arguments) -> switch (method.getName()) {
                        case "handle" -> {
                            handler.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == arguments[0];
                        default -> "usdt4j-dtrace signal handler";
                    });
            Method handle = signal.getMethod("handle", signal, signalHandler);
            for (String name : names) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
            }
            return true;
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            return false;
        }
    }
}
