package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same provider in two class loaders of one JVM, as two web applications would load it,
 * each with its own copy of usdt4j: the first is active; the JVM lets only one class loader
 * load a library, so the second degrades to no-op probes with the reason, and nothing
 * escapes to the caller.
 */
class ClassLoaderTest {
    @Test
    void secondClassLoaderDegradesWithoutAnException() throws Exception {
        Object first = load();
        Object second = load();

        assertTrue(active(first), () -> "first loader: " + reason(first));
        assertFalse(active(second), "second loader");
        assertTrue(reason(second).contains("another class loader"), reason(second));
        fire(first);
        fire(second); // no UnsatisfiedLinkError, no exception of any kind
    }

    /** Providers.status(Conformance.class), from a fresh loader over this module's class path. */
    private static Object load() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> providers = loader.loadClass("io.github.usdt4j.Providers");
        Class<?> conformance = loader.loadClass("io.github.usdt4j.it.Conformance");
        Object probes = providers.getMethod("get", Class.class).invoke(null, conformance);
        Object status = providers.getMethod("status", Class.class).invoke(null, conformance);
        return new Object[] {probes, status, conformance};
    }

    private static boolean active(Object loaded) throws Exception {
        Object status = ((Object[]) loaded)[1];
        return (Boolean) status.getClass().getMethod("active").invoke(status);
    }

    private static String reason(Object loaded) {
        try {
            Object status = ((Object[]) loaded)[1];
            return (String) status.getClass().getMethod("reason").invoke(status);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void fire(Object loaded) throws Exception {
        Object probes = ((Object[]) loaded)[0];
        Class<?> conformance = (Class<?>) ((Object[]) loaded)[2];
        Method strings = conformance.getMethod("strings", String.class, String.class, String.class);
        strings.invoke(probes, "a", "b", "c");
        Method done = conformance.getMethod("done", int.class);
        done.invoke(probes, 1);
        assertEquals(Boolean.FALSE, conformance.getMethod("doneEnabled").invoke(probes), "nobody traces");
    }
}
