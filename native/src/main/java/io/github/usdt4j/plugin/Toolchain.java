package io.github.usdt4j.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The native tools linking needs, found before anything runs so a missing one is named with
 * the package that provides it, and a runner that fails with the tool's own message.
 */
final class Toolchain {
    private final String cc;
    private final String dtrace;
    private final List<Path> jniIncludes;
    private final LinkLog log;

    private Toolchain(String cc, String dtrace, List<Path> jniIncludes, LinkLog log) {
        this.cc = cc;
        this.dtrace = dtrace;
        this.jniIncludes = jniIncludes;
        this.log = log;
    }

    static Toolchain find(String cc, String dtrace, LinkLog log) throws LinkFailure {
        String ccPath = onPath(cc).orElseThrow(() -> new LinkFailure("usdt4j: the C compiler '" + cc
                + "' is not installed. Install it (Debian/Ubuntu: apt-get install gcc; Fedora: dnf install gcc),"
                + " or set -Dusdt4j.skip=true to build without probes."));
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
        return new Toolchain(ccPath, dtracePath, List.of(include, linux), log);
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
