package io.github.usdt4j.plugin;

import io.github.usdt4j.catalogue.GeneratedLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Links the shared object of every provider the annotation processor found in a module's
 * compiled classes:
 *
 * <pre>
 * javac -h     JNI header of the generated implementation (the glue includes it)
 * dtrace -h    provider header with the probe and semaphore macros
 * cc -c        the glue, with -Wall -Wextra -Werror
 * dtrace -G    the probe object (given the glue object, as illumos and FreeBSD need)
 * cc -shared   lib…so, into the classes under a platform folder, so it ships in the jar
 * </pre>
 *
 * <p>The Maven goal ({@link LinkMojo}) and the command ({@link LinkCommand}) both run this,
 * so they link, skip and report alike.
 *
 * @param classes the module's compiled classes, where the processor left each provider's sources
 * @param generatedSources where the processor wrote the Java implementations
 * @param work scratch space for headers and objects
 * @param classpath the module's compile class path
 * @param skip link nothing: the probes become no-ops, and libraries older than their sources are removed
 * @param cc the C compiler
 * @param dtrace the dtrace tool (systemtap-sdt-dev's on Linux)
 */
record LinkStep(Path classes, Path generatedSources, Path work, List<String> classpath, boolean skip, String cc,
        String dtrace) {

    void run(LinkLog log) throws LinkFailure {
        if (skip) {
            log.info("usdt4j: linking skipped (usdt4j.skip); the probes of this module are no-ops");
            removeStaleLibraries(findProviders(), log);
            return;
        }
        List<ProviderSources> providers = findProviders();
        if (providers.isEmpty()) {
            log.debug("usdt4j: no @Provider interfaces in " + classes);
            return;
        }
        String platform = GeneratedLayout.currentPlatformFolder();
        if (!platform.startsWith("linux-")) {
            log.warn("usdt4j: linking on " + platform + " is not supported yet; the probes of "
                    + providers.size() + " provider(s) are no-ops in this build. Build on Linux to ship"
                    + " them, or set -Dusdt4j.skip=true to silence this warning.");
            return;
        }
        Linker linker = new Linker(Toolchain.find(cc, dtrace, log), classpath, work);
        for (ProviderSources provider : providers) {
            Path javaSource = javaSource(provider);
            Path library = provider.folder().resolve(platform).resolve(GeneratedLayout.libraryFileName(provider.name()));
            if (UpToDate.check(library, List.of(provider.dFile(), provider.glueFile(), javaSource))
                    && linker.linkedWithThisPlugin(provider)) {
                log.debug("usdt4j: " + library + " is up to date");
                continue;
            }
            linker.link(provider, javaSource, classes, library);
            log.info("usdt4j: linked provider " + provider.name() + " (" + provider.probeCount() + " probes) into "
                    + classes.relativize(library));
        }
    }

    /**
     * A skipped link leaves the libraries of an earlier build in the classes folder; one older
     * than its provider's sources would ship beside code it does not match (every probe a
     * no-op at run time, the build id check says why), so it is removed, saying so.
     */
    private void removeStaleLibraries(List<ProviderSources> providers, LinkLog log) throws LinkFailure {
        for (ProviderSources provider : providers) {
            Path javaSource = javaSource(provider);
            for (Path library : provider.libraries()) {
                if (!UpToDate.check(library, List.of(provider.dFile(), provider.glueFile(), javaSource))) {
                    try {
                        Files.delete(library);
                    } catch (IOException e) {
                        throw new LinkFailure("usdt4j: cannot remove the stale library " + library + ": " + e, e);
                    }
                    log.warn("usdt4j: removed " + classes.relativize(library)
                            + ": it was linked from older sources of provider " + provider.name()
                            + " and linking is skipped (usdt4j.skip); build without usdt4j.skip to ship its probes");
                }
            }
        }
    }

    private Path javaSource(ProviderSources provider) {
        return generatedSources.resolve(provider.implementation().replace('.', '/') + ".java");
    }

    private List<ProviderSources> findProviders() throws LinkFailure {
        Path root = classes.resolve(GeneratedLayout.RESOURCE_ROOT);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            List<ProviderSources> found = new ArrayList<>();
            for (Path folder : folders.sorted().collect(Collectors.toList())) {
                ProviderSources.in(folder).ifPresent(found::add);
            }
            return found;
        } catch (IOException e) {
            throw new LinkFailure("usdt4j: cannot read " + root + ": " + e.getMessage(), e);
        }
    }
}
