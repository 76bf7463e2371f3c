package io.github.usdt4j.plugin;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code link} goal as a command, for builds other than Maven's (Gradle, Bazel, sbt, a
 * shell script): same steps, same messages, same up-to-date check, through {@link LinkStep}.
 *
 * <pre>
 * java -cp usdt4j-maven-plugin.jar:usdt4j-runtime.jar:picocli.jar io.github.usdt4j.plugin.LinkCommand \
 *     --classes build/classes/java/main \
 *     --generated-sources build/generated/sources/annotationProcessor/java/main \
 *     --work build/usdt4j --classpath "$COMPILE_CLASSPATH"
 * </pre>
 *
 * <p>Exit status 0 when every provider is linked or up to date, 1 when linking failed (the
 * message on standard error), 2 for a bad command line.
 */
@Command(name = "usdt4j-link", mixinStandardHelpOptions = true, versionProvider = LinkCommand.Version.class,
        description = "Links the shared object of every usdt4j provider in a module's compiled classes"
                + " into those classes, as the Maven plugin's link goal does.")
public final class LinkCommand implements Callable<Integer> {
    @Option(names = "--classes", required = true, paramLabel = "DIR",
            description = "the compiled classes, where the processor left each provider's sources"
                    + " (Gradle: build/classes/java/main)")
    private Path classes;

    @Option(names = "--generated-sources", required = true, paramLabel = "DIR",
            description = "where the processor wrote the Java implementations"
                    + " (Gradle: build/generated/sources/annotationProcessor/java/main)")
    private Path generatedSources;

    @Option(names = "--work", required = true, paramLabel = "DIR",
            description = "scratch space for headers and objects, kept between builds for the up-to-date check")
    private Path work;

    @Option(names = "--classpath", paramLabel = "PATH", defaultValue = "",
            description = "the module's compile class path (the runtime jar at least), separated by ':'")
    private String classpath;

    @Option(names = "--skip", description = "link nothing (as -Dusdt4j.skip=true): the probes become no-ops,"
            + " and libraries older than their sources are removed")
    private boolean skip;

    @Option(names = "--platforms", paramLabel = "LIST",
            description = "the platforms to link: folder names (linux-x86_64,linux-aarch64), host or all;"
                    + " unset: the build machine's, and linux-x86_64 and linux-aarch64 where their compiler is installed")
    private String platforms;

    @Option(names = "--cc", defaultValue = "cc", paramLabel = "CC", description = "the C compiler of the build machine's platform (default: ${DEFAULT-VALUE})")
    private String cc;

    @Option(names = "--dtrace", defaultValue = "dtrace", paramLabel = "DTRACE",
            description = "the dtrace tool, systemtap-sdt-dev's on Linux (default: ${DEFAULT-VALUE})")
    private String dtrace;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "also print each tool's command line and output")
    private boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command; its exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine command = new CommandLine(new LinkCommand());
        command.setOut(out);
        command.setErr(err);
        return command.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> entries = classpath.isEmpty() ? List.of() : List.of(classpath.split(File.pathSeparator));
        try {
            new LinkStep(classes, generatedSources, work, entries, skip, platforms, cc, dtrace).run(terminal(out, err, verbose));
            return 0;
        } catch (LinkFailure e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** Messages as the goal prints them, without Maven's brackets: warnings on standard error. */
    static LinkLog terminal(PrintWriter out, PrintWriter err, boolean verbose) {
        return new LinkLog() {
            @Override
            public void info(String message) {
                out.println(message);
            }

            @Override
            public void warn(String message) {
                err.println("warning: " + message);
            }

            @Override
            public void debug(String message) {
                if (verbose) {
                    out.println(message);
                }
            }
        };
    }

    /** The plugin's version, from its jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LinkCommand.class.getPackage().getImplementationVersion();
            return new String[] {"usdt4j-link " + (version == null ? "(development build)" : version)};
        }
    }
}
