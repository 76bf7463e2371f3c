package io.github.usdt4j.plugin;

import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Links the shared object of every provider the annotation processor found in this module
 * ({@link LinkStep} says how). Runs after compilation. {@code -Dusdt4j.skip=true} skips it,
 * leaving no-op probes.
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

    /**
     * The platforms to link, as folder names ({@code linux-x86_64,linux-aarch64}), {@code host}
     * or {@code all}. Unset: the build machine's, and linux-x86_64 and linux-aarch64 where their
     * compiler is installed. A platform named here whose compiler is missing fails the build.
     */
    @Parameter(property = "usdt4j.platforms")
    private String platforms;

    /** The C compiler of the platform the build runs on; other platforms use their cross compiler. */
    @Parameter(property = "usdt4j.cc", defaultValue = "cc")
    private String cc;

    /** The dtrace tool (systemtap-sdt-dev's on Linux). */
    @Parameter(property = "usdt4j.dtrace", defaultValue = "dtrace")
    private String dtrace;

    @Override
    public void execute() throws MojoExecutionException {
        LinkStep step = new LinkStep(classesDirectory.toPath(), generatedSourcesDirectory.toPath(), workDirectory.toPath(),
                classpath, skip, platforms, cc, dtrace);
        try {
            step.run(mavenLog(getLog()));
        } catch (LinkFailure e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private static LinkLog mavenLog(Log log) {
        return new LinkLog() {
            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }
        };
    }
}
