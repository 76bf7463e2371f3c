package io.github.usdt4j.plugin;

import io.github.usdt4j.catalogue.GeneratedLayout;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The native tools linking for one platform needs, found before anything runs so a missing one
 * is named with the package that provides it, and a runner that fails with the tool's own
 * message.
 */
final class Toolchain {
    private final LinuxPlatform platform;
    private final String cc;
    private final String dtrace;
    private final List<Path> jniIncludes;
    private final List<Path> sdtHeaders;
    private final LinkLog log;

    private Toolchain(LinuxPlatform platform, String cc, String dtrace, List<Path> jniIncludes, List<Path> sdtHeaders,
            LinkLog log) {
        this.platform = platform;
        this.cc = cc;
        this.dtrace = dtrace;
        this.jniIncludes = jniIncludes;
        this.sdtHeaders = sdtHeaders;
        this.log = log;
    }

    /** The toolchain for the platform the build runs on, with {@code cc} as its compiler. */
    static Toolchain find(String cc, String dtrace, LinkLog log) throws LinkFailure {
        LinuxPlatform host = LinuxPlatform.host().orElseThrow(() -> new LinkFailure("usdt4j: "
                + GeneratedLayout.currentPlatformFolder() + " is not a platform usdt4j links on"));
        String ccPath = onPath(cc).orElseThrow(() -> new LinkFailure("usdt4j: the C compiler '" + cc
                + "' is not installed. Install it (Debian/Ubuntu: apt-get install gcc; Fedora: dnf install gcc),"
                + " or set -Dusdt4j.skip=true to build without probes."));
        return find(host, ccPath, dtrace, List.of(), log);
    }

    /**
     * The toolchain for another platform: its cross compiler, with the build machine's
     * {@code sys/sdt.h} (a cross compiler has its own include path, and Debian installs the
     * header under the host's multiarch folder only; it is the same header on every platform).
     */
    static Toolchain cross(LinuxPlatform platform, String dtrace, LinkLog log) throws LinkFailure {
        String compiler = platform.crossCompiler();
        String ccPath = onPath(compiler).orElseThrow(() -> new LinkFailure(crossCompilerMissing(platform)));
        return find(platform, ccPath, dtrace, installedSdtHeaders(), log);
    }

    /** Whether the cross compiler of {@code platform} is installed. */
    static boolean hasCrossCompiler(LinuxPlatform platform) {
        return onPath(platform.crossCompiler()).isPresent();
    }

    static String crossCompilerMissing(LinuxPlatform platform) {
        return "usdt4j: cannot link " + platform.folder() + ": its cross compiler " + platform.crossCompiler()
                + " is not installed (Debian/Ubuntu: apt-get install " + platform.debianPackage() + ")";
    }

    private static Toolchain find(LinuxPlatform platform, String ccPath, String dtrace, List<Path> sdtHeaders,
            LinkLog log) throws LinkFailure {
        String dtracePath = onPath(dtrace).orElseThrow(() -> new LinkFailure("usdt4j: '" + dtrace
                + "' is not installed. Install it (Debian/Ubuntu: apt-get install systemtap-sdt-dev;"
                + " Fedora: dnf install systemtap-sdt-devel), or set -Dusdt4j.skip=true to build without probes."));
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path include = javaHome.resolve("include");
        if (!Files.isRegularFile(include.resolve("jni.h"))) {
            throw new LinkFailure("usdt4j: no JNI headers in " + include + "; build on a full JDK"
                    + " (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless), or set -Dusdt4j.skip=true.");
        }
        Path linux = include.resolve("linux");
        return new Toolchain(platform, ccPath, dtracePath, List.of(include, linux), sdtHeaders, log);
    }

    /**
     * {@code sys/sdt.h} and the {@code sys/sdt-config.h} beside it, where systemtap-sdt-dev
     * installs them: {@code /usr/include/sys}, or a multiarch folder such as
     * {@code /usr/include/x86_64-linux-gnu/sys} (Debian).
     */
    private static List<Path> installedSdtHeaders() throws LinkFailure {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> multiarch = Files.newDirectoryStream(Path.of("/usr/include"), "*-linux-gnu*")) {
            for (Path folder : multiarch) {
                folders.add(folder.resolve("sys"));
            }
        } catch (IOException e) {
            // no /usr/include: the message below says what to install
        }
        folders.sort(null);
        folders.add(0, Path.of("/usr/include/sys"));
        for (Path folder : folders) {
            Path header = folder.resolve("sdt.h");
            if (Files.isRegularFile(header)) {
                Path config = folder.resolve("sdt-config.h");
                return Files.isRegularFile(config) ? List.of(header, config) : List.of(header);
            }
        }
        throw new LinkFailure("usdt4j: sys/sdt.h is not installed (Debian/Ubuntu: apt-get install systemtap-sdt-dev;"
                + " Fedora: dnf install systemtap-sdt-devel), or set -Dusdt4j.skip=true to build without probes.");
    }

    LinuxPlatform platform() {
        return platform;
    }

    /** Headers to copy into a {@code sys} folder on the include path; none when the compiler finds its own. */
    List<Path> sdtHeaders() {
        return sdtHeaders;
    }

    String cc() {
        return cc;
    }

    String dtrace() {
        return dtrace;
    }

    List<Path> jniIncludes() {
        return jniIncludes;
    }

    /** Runs a tool in {@code directory}; a failure carries the tool's own output. */
    void run(Path directory, String... command) throws LinkFailure, IOException {
        run(directory, java.util.Map.of(), command);
    }

    /** Runs a tool in {@code directory} with {@code environment} added to ours. */
    void run(Path directory, java.util.Map<String, String> environment, String... command)
            throws LinkFailure, IOException {
        log.debug("usdt4j: " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new LinkFailure("usdt4j: interrupted while running " + command[0], e);
        }
        if (status != 0) {
            throw new LinkFailure("usdt4j: " + String.join(" ", command) + " failed with exit status "
                    + status + ":\n" + output.strip());
        }
        if (!output.isBlank()) {
            log.debug(output.strip());
        }
    }

    private static Optional<String> onPath(String tool) {
        if (tool.contains(File.separator)) {
            return Files.isExecutable(Path.of(tool)) ? Optional.of(tool) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
