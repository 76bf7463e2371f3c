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
 * <p>The steps run once per platform asked for ({@link PlatformChoice}): the build machine's
 * with {@code cc}, each other Linux platform with its cross compiler.
 *
 * <p>The Maven goal ({@link LinkMojo}) and the command ({@link LinkCommand}) both run this,
 * so they link, skip and report alike.
 *
 * @param classes the module's compiled classes, where the processor left each provider's sources
 * @param generatedSources where the processor wrote the Java implementations
 * @param work scratch space for headers and objects
 * @param classpath the module's compile class path
 * @param skip link nothing: the probes become no-ops, and libraries older than their sources are removed
 * @param platforms the platforms to link ({@link PlatformChoice}); null or blank for the default
 * @param cc the C compiler of the platform the build runs on
 * @param dtrace the dtrace tool (systemtap-sdt-dev's on Linux)
 */
record LinkStep(Path classes, Path generatedSources, Path work, List<String> classpath, boolean skip,
        String platforms, String cc, String dtrace) {

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
        String here = GeneratedLayout.currentPlatformFolder();
        if (LinuxPlatform.host().isEmpty()) {
            throw new LinkFailure("usdt4j: linking on " + here + " is not supported yet: the libraries are linked"
                    + " on Linux (" + LinuxPlatform.folders() + "), for every Linux platform at once;"
                    + " docs/platforms.md says what linking for illumos, FreeBSD and macOS will take. Build on Linux"
                    + " to ship the probes of " + providers.size() + " provider(s), or set -Dusdt4j.skip=true"
                    + " to build a jar whose probes are no-ops.");
        }
        List<Toolchain> toolchains = new ArrayList<>();
        for (PlatformChoice.Choice choice : PlatformChoice.parse(platforms)) {
            LinuxPlatform platform = choice.platform();
            if (platform == LinuxPlatform.host().get()) {
                toolchains.add(Toolchain.find(cc, dtrace, log));
            } else if (Toolchain.hasCrossCompiler(platform) || choice.named()) {
                toolchains.add(Toolchain.cross(platform, dtrace, log));
            } else {
                log.info(Toolchain.crossCompilerMissing(platform) + "; its probes are no-ops there. Name the"
                        + " platforms to link (usdt4j.platforms) to make this an error, or to silence it.");
            }
        }
        List<String> linked = new ArrayList<>();
        for (Toolchain toolchain : toolchains) {
            Linker linker = new Linker(toolchain, classpath, work);
            String platform = toolchain.platform().folder();
            linked.add(platform);
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
        removeStaleLibraries(providers, log);
        log.info("usdt4j: " + providers.size() + " provider(s) linked for " + String.join(", ", linked));
    }

    /**
     * A skipped link, or one for fewer platforms, leaves the libraries of an earlier build in
     * the classes folder; one older than its provider's sources would ship beside code it does
     * not match (every probe a no-op at run time, the build id check says why), so it is
     * removed, saying so.
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
                            + (skip ? " and linking is skipped (usdt4j.skip); build without usdt4j.skip to ship its probes"
                                    : " and this build does not link " + library.getParent().getFileName()));
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
