package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.tool.Usdt4jTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar usdt4j-runtime.jar list}: from a running JVM (with a tracer attached to
 * one probe, which the listing must see) and from a build output.
 */
class ListingTest {
    @Test
    void listsTheProvidersOfARunningJvmAndWhichProbesAreTraced() throws Exception {
        Tracers.require("bpftrace", "bpftrace"); // only this test attaches a tracer: a build's listing needs none
        try (Tracers.Running app = Tracers.fireAll("providers")) {
            String pid = app.await("ready ", 60).split(" ")[1];
            // providers get loaded before "ready"; trace one probe of each of two providers
            try (Tracers.Running tracer = Tracers.bpftrace(pid,
                    "usdt::services:tick { } usdt::libmtev:log { }")) {
                // attached: the listing must see each traced probe's semaphore raised
                String listing = list(pid);
                assertTrue(listing.contains("provider conformance (io.github.usdt4j.it.Conformance, build "), listing);
                assertTrue(listing.contains("provider services (io.github.usdt4j.it.Services.Probes, build "), listing);
                assertTrue(listing.contains("provider libmtev (io.github.usdt4j.examples.Libmtev, build "), listing);
                assertTrue(listing.contains("  names    bpftrace usdt::services:NAME   perf sdt_services:NAME   DTrace services"
                        + pid + ":::NAME"), listing);
                assertProbe(listing, "tick", "1", "probe tick(int count, char *where);", "tick(int count, String where)");
                assertProbe(listing, "log", "1", "probe log(char *facility, char *file, int line, char *msg);",
                        "log(String facility, String file, int line, String msg)");
                assertProbe(listing, "integers", "0",
                        "probe integers(int flag, int8_t small, short medium, uint16_t unit, int number, int64_t big);",
                        "integers(boolean flag, byte small, short medium, char unit, int number, long big)");
                tracer.interrupt();
            }
        }
    }

    @Test
    void listsALibraryDeletedAfterItWasLoaded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
        // Reading another process's map_files needs root, as tracing it does.
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        try (Tracers.Running app = Tracers.fireAll("figures", temp.resolve("libs"))) {
            String[] ready = app.await("ready ", 60).split(" ");
            java.nio.file.Files.delete(java.nio.file.Path.of(ready[2]));
            String listing = list(ready[1]);
            assertTrue(listing.contains("  library  " + ready[2] + " (deleted since it was loaded: tracers naming this path"
                    + " cannot reach it; -p " + ready[1] + " can)"), listing);
            assertTrue(listing.contains("provider conformance (io.github.usdt4j.it.Conformance, build "), listing);
            assertProbe(listing, "done", "0", "probe done(int fired);", "done(int fired)");
        }
    }

    @Test
    void listsTheProvidersOfABuildOutput() throws Exception {
        String listing = list("target/classes");
        assertTrue(listing.contains("provider conformance (io.github.usdt4j.it.Conformance, build "), listing);
        assertTrue(listing.contains("  library  linux-aarch64, linux-x86_64\n"), listing);
        assertTrue(listing.contains("    D     probe objects(char *color, char *thing, size_t size, void *pointer);"), listing);
        assertTrue(listing.contains("    Java  objects(io.github.usdt4j.it.Conformance.Color color, Object thing, long size,"
                + " long pointer)"), listing);
    }

    private static final String QUERIES = "META-INF/usdt4j/io.github.usdt4j.it.Usdt4j_Queries/";

    @Test
    void listsProvidersInsideSpringBootJarsAndWars(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
        // this module's provider files, as a library jar inside a Spring Boot jar, and as a war's classes
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        List<java.nio.file.Path> files;
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(classes.resolve("META-INF/usdt4j"))) {
            files = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
        }
        ByteArrayOutputStream library = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(library)) {
            for (java.nio.file.Path file : files) {
                zip.putNextEntry(new java.util.zip.ZipEntry(classes.relativize(file).toString()));
                zip.write(java.nio.file.Files.readAllBytes(file));
            }
        }
        java.nio.file.Path boot = temp.resolve("app.jar");
        java.nio.file.Path war = temp.resolve("app.war");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(boot))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("BOOT-INF/lib/usdt4j-integration-tests.jar"));
            zip.write(library.toByteArray());
        }
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(war))) {
            for (java.nio.file.Path file : files) {
                zip.putNextEntry(new java.util.zip.ZipEntry("WEB-INF/classes/" + classes.relativize(file)));
                // the war's aarch64 library of conformance is another provider's: the listing names it
                boolean swapped = file.toString().endsWith("Usdt4j_Conformance/linux-aarch64/libusdt4j-conformance.so");
                zip.write(java.nio.file.Files.readAllBytes(swapped
                        ? classes.resolve(QUERIES + "linux-aarch64/libusdt4j-queries.so")
                        : file));
            }
            // and a "library" that is no ELF file at all, in a folder no build links
            zip.putNextEntry(new java.util.zip.ZipEntry("WEB-INF/classes/META-INF/usdt4j/io.github.usdt4j.it.Usdt4j_Conformance"
                    + "/linux-sparc64/libusdt4j-conformance.so"));
            zip.write("not a library".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String nested = list(boot.toString());
        assertTrue(nested.contains("provider conformance (io.github.usdt4j.it.Conformance, build "), nested);
        assertTrue(nested.contains("  library  linux-aarch64, linux-x86_64   (in BOOT-INF/lib/usdt4j-integration-tests.jar)"),
                nested);
        String web = list(war.toString());
        assertTrue(web.contains("provider conformance (io.github.usdt4j.it.Conformance, build "), web);
        String queries = io.github.usdt4j.catalogue.Catalogue.parse(
                java.nio.file.Files.readString(classes.resolve(QUERIES + "queries.probes"))).buildId();
        assertTrue(web.contains("  library  linux-aarch64 (build " + queries + ", not this provider's: its probes are no-ops"
                + " there), linux-sparc64 (unreadable: not an ELF file, not this provider's: its probes are no-ops there),"
                + " linux-x86_64\n"), web);
    }

    private static void assertProbe(String listing, String name, String tracers, String d, String java) {
        List<String> lines = listing.lines().toList();
        int at = lines.indexOf("  probe " + name + "   tracers " + tracers);
        assertTrue(at >= 0, () -> "no line \"  probe " + name + "   tracers " + tracers + "\" in\n" + listing);
        assertEquals("    D     " + d, lines.get(at + 1));
        assertEquals("    Java  " + java, lines.get(at + 2));
    }

    private static String list(String target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Usdt4jTool.run(new String[] {"list", target}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
