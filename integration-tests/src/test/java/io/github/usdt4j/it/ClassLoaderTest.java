package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.testing.Machine;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every class-loader layout of application servers and plugin hosts ({@link LoaderLayouts}):
 * both applications' probes are active and a real bpftrace, attached by pid, sees the events
 * of each. The library is loaded by the generated class's own loader, so a runtime in a parent
 * loader works; a second loader of the same provider loads the same file under a second name,
 * which the dynamic linker maps once.
 */
class ClassLoaderTest {
    @ParameterizedTest
    @ValueSource(strings = {"parent-child", "siblings", "shared-runtime", "redeploy", "redeploy-collected"})
    void bothApplicationsAreActiveAndTraced(String layout) throws Exception {
        traceBothApplications(layout);
    }

    /**
     * With folded or polled probes, each class loader's provider has its own watched
     * semaphores, and a loader collected while the watcher runs is dropped before its library
     * is unmapped: the JVM neither misses the second application's event nor crashes.
     */
    @ParameterizedTest
    @CsvSource({"siblings, watch", "redeploy-collected, watch", "siblings, poll", "redeploy-collected, poll"})
    void watchedProbesFollowEachClassLoader(String layout, String semaphores) throws Exception {
        traceBothApplications(layout, "-Dusdt4j.semaphores=" + semaphores);
    }

    private static void traceBothApplications(String layout, String... jvmOptions) throws Exception {
        Tracers.require("bpftrace", "bpftrace");
        try (Tracers.Running jvm = start(layout, jvmOptions)) {
            String pid = jvm.await("ready ", 60).substring("ready ".length());
            String first = jvm.all.stream().filter(l -> l.startsWith("app 1 ")).findFirst().orElseThrow();
            assertTrue(first.startsWith("app 1 active "), String.join("\n", jvm.all));
            try (Tracers.Running tracer = Tracers.bpftrace(pid,
                    "usdt::conformance:done { printf(\"done %d\\n\", arg0); }")) {
                jvm.send(FireAll.GO);
                jvm.await("fired", 60);
                tracer.interrupt();
                String second = jvm.all.stream().filter(l -> l.startsWith("app 2 ")).findFirst().orElseThrow();
                assertTrue(second.startsWith("app 2 active "), String.join("\n", jvm.all));
                if (layout.equals("redeploy-collected")) {
                    assertTrue(jvm.all.contains("collected"), "the first loader was collected: " + jvm.all);
                }
                assertEquals(List.of("done 1", "done 2"), Tracers.printed(tracer),
                        () -> "the tracer saw each application's event; JVM said:\n" + String.join("\n", jvm.all));
            }
        }
    }

    /** {@link LoaderLayouts} in a JVM whose class path holds it and nothing of usdt4j's. */
    private static Tracers.Running start(String layout, String... jvmOptions) throws Exception {
        List<String> runtime = new ArrayList<>();
        List<String> application = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String normalized = entry.replace(File.separatorChar, '/');
            if (normalized.contains("usdt4j-runtime") || normalized.endsWith("runtime/target/classes")) {
                runtime.add(entry);
            } else if (normalized.endsWith("integration-tests/target/classes")) {
                application.add(entry);
            }
        }
        assertEquals(1, runtime.size(), "the runtime on the test's class path: " + runtime);
        assertEquals(1, application.size(), "this module's classes on the test's class path: " + application);
        List<String> command = new ArrayList<>(List.of(Machine.jdkTool("java"), Tracers.NATIVE_ACCESS,
                "-Dusdt4j.dir=" + System.getProperty("usdt4j.dir")));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", application.get(0),
                LoaderLayouts.class.getName(), layout, runtime.get(0), application.get(0)));
        return new Tracers.Running(new ProcessBuilder(command).redirectErrorStream(true));
    }
}
