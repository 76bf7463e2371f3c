package io.github.usdt4j.it;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Scanner;

/**
 * The class-loader layouts of application servers and plugin hosts, each with two
 * "applications" that use provider {@link Conformance}: the first is loaded, {@code ready PID}
 * is printed, and once the test says {@link FireAll#GO} the first fires {@code done(1)}; then
 * the second is loaded and fires {@code done(2)}. Each prints its status as
 * {@code app N active|noop REASON}; {@code fired} comes last.
 *
 * <pre>java io.github.usdt4j.it.LoaderLayouts LAYOUT RUNTIME_CLASS_PATH APPLICATION_CLASS_PATH</pre>
 *
 * <ul>
 *   <li>{@code parent-child}: the runtime in a parent loader, both applications in one child
 *       (Tomcat's shared {@code lib/}), so only one is loaded;
 *   <li>{@code siblings}: two loaders, each with its own copy of the runtime (two web apps
 *       that each bundle usdt4j);
 *   <li>{@code shared-runtime}: two children of one loader that holds the runtime;
 *   <li>{@code redeploy}: the first child is closed and dropped, the second made before the
 *       first is collected;
 *   <li>{@code redeploy-collected}: the same, once the first child has been collected (and
 *       with it its library unloaded).
 * </ul>
 */
public final class LoaderLayouts {
    /** By name: this class runs without the runtime on its own class path. */
    private static final String CONFORMANCE = "io.github.usdt4j.it.Conformance";

    private LoaderLayouts() {}

    public static void main(String[] args) throws Exception {
        String layout = args[0];
        URL[] runtime = urls(args[1]);
        URL[] application = urls(args[2]);
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        ClassLoader shared = new URLClassLoader(runtime, platform);

        ClassLoader first = switch (layout) {
            case "siblings" -> new URLClassLoader(concat(runtime, application), platform);
            case "parent-child", "shared-runtime", "redeploy", "redeploy-collected" ->
                    new URLClassLoader(application, shared);
            default -> throw new IllegalArgumentException("unknown layout " + layout);
        };
        Object app = start(1, first);
        System.out.println("ready " + ProcessHandle.current().pid());
        Scanner input = new Scanner(System.in, StandardCharsets.UTF_8);
        if (!input.hasNextLine() || !input.nextLine().equals(FireAll.GO)) {
            return;
        }
        fire(1, first, app);

        ClassLoader second = switch (layout) {
            case "parent-child" -> first;
            case "siblings" -> new URLClassLoader(concat(runtime, application), platform);
            default -> new URLClassLoader(application, shared);
        };
        if (layout.startsWith("redeploy")) {
            ((URLClassLoader) first).close();
            WeakReference<ClassLoader> undeployed = new WeakReference<>(first);
            first = null;
            app = null;
            if (layout.equals("redeploy-collected")) {
                awaitCollection(undeployed);
            }
        }
        Object secondApp = start(2, second);
        fire(2, second, secondApp);
        System.out.println("fired");
        while (input.hasNextLine()) {
            input.nextLine(); // until the test closes our input
        }
    }

    /** {@code Providers.get(Conformance.class)} as the application in {@code loader} would call it. */
    private static Object start(int number, ClassLoader loader) throws Exception {
        Class<?> providers = loader.loadClass("io.github.usdt4j.Providers");
        Class<?> conformance = loader.loadClass(CONFORMANCE);
        Object probes = providers.getMethod("get", Class.class).invoke(null, conformance);
        Object status = providers.getMethod("status", Class.class).invoke(null, conformance);
        boolean active = (Boolean) status.getClass().getMethod("active").invoke(status);
        System.out.println("app " + number + " " + (active ? "active " + ((java.util.Optional<?>) status.getClass().getMethod("library").invoke(status)).orElse(null)
                : "noop " + status.getClass().getMethod("reason").invoke(status)));
        return probes;
    }

    /** Fires {@code done(number)} once the tracer has raised the probe's semaphore in this copy. */
    private static void fire(int number, ClassLoader loader, Object probes) throws Exception {
        Class<?> conformance = loader.loadClass(CONFORMANCE);
        Method enabled = conformance.getMethod("doneEnabled");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!(Boolean) enabled.invoke(probes) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        conformance.getMethod("done", int.class).invoke(probes, number);
    }

    private static void awaitCollection(WeakReference<ClassLoader> loader) throws InterruptedException {
        for (int i = 0; i < 100 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        System.out.println(loader.get() == null ? "collected" : "not collected");
    }

    private static URL[] urls(String classPath) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    private static URL[] concat(URL[] a, URL[] b) {
        List<URL> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(URL[]::new);
    }
}
