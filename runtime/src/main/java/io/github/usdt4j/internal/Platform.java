package io.github.usdt4j.internal;

import java.util.Locale;

/** The platform folder a native library is looked up under: {@code linux-x86_64}, … */
public final class Platform {
    private Platform() {}

    public static String current() {
        return folder(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The folder name the Maven plugin and the loader agree on. */
    public static String folder(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            os = "linux";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            os = "macos";
        } else if (os.startsWith("sunos") || os.startsWith("solaris")) {
            os = "illumos";
        } else {
            os = os.replaceAll("[^a-z0-9]", "");
        }
        String arch = osArch.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
                arch = "x86_64";
                break;
            case "arm64":
            case "aarch64":
                arch = "aarch64";
                break;
            default:
                arch = arch.replaceAll("[^a-z0-9_]", "");
        }
        return os + "-" + arch;
    }
}
