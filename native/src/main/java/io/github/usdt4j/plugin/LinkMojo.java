package io.github.usdt4j.plugin;

import io.github.usdt4j.catalogue.GeneratedLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Links the shared object of every provider the annotation processor found in this module:
 *
 * <pre>
 * javac -h     JNI header of the generated implementation (the glue includes it)
 * dtrace -h    provider header with the probe and semaphore macros
 * cc -c        the glue, with -Wall -Wextra -Werror
 * dtrace -G    the probe object (given the glue object, as illumos and FreeBSD need)
 * cc -shared   lib…so, into the classes under a platform folder, so it ships in the jar
 * </pre>
 *
 * <p>Runs after compilation. {@code -Dusdt4j.skip=true} skips it, leaving no-op probes.
 */
@Mojo(name = "link", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class LinkMojo extends AbstractMojo {
    /** The module's compiled classes, where the processor left each provider's sources. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    /** Where the processor wrote the Java implementations. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/annotations", required = true)
    private File generatedSourcesDirectory;

    /** Scratch space for headers and objects. */
    @Parameter(defaultValue = "${project.build.directory}/usdt4j", required = true)
    private File workDirectory;

    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
    private List<String> classpath;

    /** Skips linking: the module's probes become no-ops at run time. */
    @Parameter(property = "usdt4j.skip", defaultValue = "false")
    private boolean skip;

    /** The C compiler. */
    @Parameter(property = "usdt4j.cc", defaultValue = "cc")
    private String cc;

    /** The dtrace tool (systemtap-sdt-dev's on Linux). */
    @Parameter(property = "usdt4j.dtrace", defaultValue = "dtrace")
    private String dtrace;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("usdt4j: linking skipped (usdt4j.skip); the probes of this module are no-ops");
            removeStaleLibraries(findProviders());
            return;
        }
        List<ProviderSources> providers = findProviders();
        if (providers.isEmpty()) {
            getLog().debug("usdt4j: no @Provider interfaces in " + classesDirectory);
            return;
        }
        String platform = GeneratedLayout.currentPlatformFolder();
        if (!platform.startsWith("linux-")) {
            getLog().warn("usdt4j: linking on " + platform + " is not supported yet; the probes of "
                    + providers.size() + " provider(s) are no-ops in this build. Build on Linux to ship"
                    + " them, or set -Dusdt4j.skip=true to silence this warning.");
            return;
        }
        Linker linker = new Linker(Toolchain.find(cc, dtrace, getLog()), classpath, workDirectory.toPath());
        for (ProviderSources provider : providers) {
            Path javaSource = javaSource(provider);
            Path library = provider.folder().resolve(platform).resolve(GeneratedLayout.libraryFileName(provider.name()));
            if (UpToDate.check(library, List.of(provider.dFile(), provider.glueFile(), javaSource))
                    && linker.linkedWithThisPlugin(provider)) {
                getLog().debug("usdt4j: " + library + " is up to date");
                continue;
            }
            linker.link(provider, javaSource, classesDirectory.toPath(), library);
            getLog().info("usdt4j: linked provider " + provider.name() + " (" + provider.probeCount() + " probes) into "
                    + classesDirectory.toPath().relativize(library));
        }
    }

    /**
     * A skipped link leaves the libraries of an earlier build in the classes folder; one older
     * than its provider's sources would ship beside code it does not match (every probe a
     * no-op at run time, the build id check says why), so it is removed, saying so.
     */
    private void removeStaleLibraries(List<ProviderSources> providers) throws MojoExecutionException {
        for (ProviderSources provider : providers) {
            Path javaSource = javaSource(provider);
            for (Path library : provider.libraries()) {
                if (!UpToDate.check(library, List.of(provider.dFile(), provider.glueFile(), javaSource))) {
                    try {
                        Files.delete(library);
                    } catch (IOException e) {
                        throw new MojoExecutionException("usdt4j: cannot remove the stale library " + library + ": " + e, e);
                    }
                    getLog().warn("usdt4j: removed " + classesDirectory.toPath().relativize(library)
                            + ": it was linked from older sources of provider " + provider.name()
                            + " and linking is skipped (usdt4j.skip); build without usdt4j.skip to ship its probes");
                }
            }
        }
    }

    private Path javaSource(ProviderSources provider) {
        return generatedSourcesDirectory.toPath().resolve(provider.implementation().replace('.', '/') + ".java");
    }

    private List<ProviderSources> findProviders() throws MojoExecutionException {
        Path root = classesDirectory.toPath().resolve(GeneratedLayout.RESOURCE_ROOT);
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
            throw new MojoExecutionException("usdt4j: cannot read " + root + ": " + e.getMessage(), e);
        }
    }


}
