package io.github.usdt4j.plugin;

import io.github.usdt4j.catalogue.GeneratedLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Linux platform the link step builds a library for: its folder in the jar (the runtime's
 * rule, {@link GeneratedLayout#platformFolder}), the GNU triplet of its cross compiler and the
 * Debian package that installs it. All are 64-bit, where JNI's types and {@code jni_md.h} are
 * the same, so one JDK's headers serve every platform.
 */
enum LinuxPlatform {
    X86_64("amd64", "x86_64-linux-gnu", "gcc-x86-64-linux-gnu"),
    AARCH64("aarch64", "aarch64-linux-gnu", "gcc-aarch64-linux-gnu"),
    PPC64LE("ppc64le", "powerpc64le-linux-gnu", "gcc-powerpc64le-linux-gnu"),
    S390X("s390x", "s390x-linux-gnu", "gcc-s390x-linux-gnu"),
    RISCV64("riscv64", "riscv64-linux-gnu", "gcc-riscv64-linux-gnu");

    /** Linked when the build does not name platforms: where Java services run in numbers. */
    static final List<LinuxPlatform> DEFAULT = List.of(X86_64, AARCH64);

    private final String javaArch;
    private final String triplet;
    private final String debianPackage;

    LinuxPlatform(String javaArch, String triplet, String debianPackage) {
        this.javaArch = javaArch;
        this.triplet = triplet;
        this.debianPackage = debianPackage;
    }

    /** {@code linux-aarch64}: where the library goes in the jar, and how the build names the platform. */
    String folder() {
        return GeneratedLayout.platformFolder("Linux", javaArch);
    }

    /** {@code aarch64-linux-gnu}: what the platform's GNU tools are prefixed with. */
    String triplet() {
        return triplet;
    }

    /** The cross compiler's name, as Debian and most distributions install it. */
    String crossCompiler() {
        return triplet + "-gcc";
    }

    String debianPackage() {
        return debianPackage;
    }

    /**
     * The flags the glue is compiled with here. On x86-64 the probe sites are 5-byte nops
     * (usdt4j.h), and a kernel that optimizes them calls a trampoline from the site; that call
     * writes below the stack pointer, so nothing may live in the red zone there, probe
     * arguments included. No other platform has such a site.
     */
    List<String> compileFlags() {
        List<String> flags = new ArrayList<>(List.of("-std=gnu11", "-O2", "-fPIC",
                "-Wall", "-Wextra", "-Werror", "-Wmissing-prototypes"));
        if (this == X86_64) {
            flags.add("-mno-red-zone");
        }
        return List.copyOf(flags);
    }

    /** The platform the build runs on, when it is one of these. */
    static Optional<LinuxPlatform> host() {
        return ofFolder(GeneratedLayout.currentPlatformFolder());
    }

    static Optional<LinuxPlatform> ofFolder(String folder) {
        for (LinuxPlatform platform : values()) {
            if (platform.folder().equals(folder)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }

    /** Every folder name, for a message about a name that is none of them. */
    static String folders() {
        List<String> names = new ArrayList<>();
        for (LinuxPlatform platform : values()) {
            names.add(platform.folder());
        }
        return String.join(", ", names);
    }
}
