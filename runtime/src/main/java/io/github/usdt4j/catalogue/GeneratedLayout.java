package io.github.usdt4j.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * What the processor generates for a provider interface, what each file is called and where it
 * goes: the processor writes by these rules, the plugin links by them, the runtime loads by
 * them and {@code list} reads by them.
 *
 * <pre>
 * com/example/Usdt4j_Libmtev.java                              the implementation
 * META-INF/usdt4j/com.example.Usdt4j_Libmtev/libmtev.d          the D provider file
 *                                             libmtev.c          the JNI glue
 *                                             libmtev.probes     the catalogue
 *                                             linux-x86_64/libusdt4j-libmtev.so
 * ${usdt4j.dir}/libusdt4j-libmtev-3f2a…so                        extracted at run time
 * (linux-x86_64: the platform folder, {@link #platformFolder})
 * </pre>
 */
public final class GeneratedLayout {
    /** Prefix of the generated implementation's simple name. */
    public static final String IMPLEMENTATION_PREFIX = "Usdt4j_";
    /** Folder in the jar that holds one folder per generated implementation. */
    public static final String RESOURCE_ROOT = "META-INF/usdt4j";
    /** The catalogue's file suffix. */
    public static final String CATALOGUE_SUFFIX = ".probes";
    /** The key of a catalogue's line that names its build. */
    public static final String CATALOGUE_BUILD_ID = "build-id";
    /** How every usdt4j library's file name begins. */
    public static final String LIBRARY_PREFIX = "libusdt4j-";

    private GeneratedLayout() {}

    /** {@code [Server, Probes]} gives {@code Usdt4j_Server_Probes}. */
    public static String implementationSimpleName(List<String> nestedSimpleNames) {
        return IMPLEMENTATION_PREFIX + String.join("_", nestedSimpleNames);
    }

    /**
     * {@code com.example.Libmtev} gives {@code com.example.Usdt4j_Libmtev};
     * {@code com.example.Server$Probes} gives {@code com.example.Usdt4j_Server_Probes}.
     */
    public static String implementationName(Class<?> providerInterface) {
        String packageName = providerInterface.getPackageName();
        String nested = providerInterface.getName().substring(packageName.isEmpty() ? 0 : packageName.length() + 1);
        String simple = implementationSimpleName(List.of(nested.split("\\$")));
        return packageName.isEmpty() ? simple : packageName + "." + simple;
    }

    /** The jar folder of a generated implementation: {@code META-INF/usdt4j/<binary name>}. */
    public static String resourceFolder(String implementationBinaryName) {
        return RESOURCE_ROOT + "/" + implementationBinaryName;
    }

    /** The D provider file: {@code libmtev.d}. */
    public static String providerFileName(String provider) {
        return provider + ".d";
    }

    /** The JNI glue: {@code libmtev.c}. */
    public static String glueFileName(String provider) {
        return provider + ".c";
    }

    /** The probe catalogue: {@code libmtev.probes}. */
    public static String catalogueFileName(String provider) {
        return provider + CATALOGUE_SUFFIX;
    }

    /**
     * The line of a catalogue that names its build ({@link Catalogue#format()} writes it), by
     * which the runtime tells that a jar holds the build of the class it loads.
     */
    public static String catalogueBuildIdLine(String buildId) {
        return CATALOGUE_BUILD_ID + "\t" + buildId + "\n";
    }

    /**
     * Whether {@code catalogue}, a catalogue's UTF-8 bytes, is of build {@code buildId}: a look
     * for its line in the bytes, for the runtime as a provider loads. Neither a parse nor a
     * decoding, nor the class {@link Catalogue}: each costs a cold JVM's first provider classes.
     */
    public static boolean isCatalogueOfBuild(byte[] catalogue, String buildId) {
        String text = "\n" + catalogueBuildIdLine(buildId);
        byte[] line = new byte[text.length()];
        for (int i = 0; i < line.length; i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                return false; // build ids are hex digits; the line is ASCII
            }
            line[i] = (byte) c;
        }
        search:
        for (int start = 0; start + line.length <= catalogue.length; start++) {
            for (int i = 0; i < line.length; i++) {
                if (catalogue[start + i] != line[i]) {
                    continue search;
                }
            }
            return true;
        }
        return false;
    }

    /** The provider a catalogue file describes, from its name: {@code libmtev.probes} gives {@code libmtev}. */
    public static String providerOfCatalogue(String catalogueFileName) {
        if (!catalogueFileName.endsWith(CATALOGUE_SUFFIX)) {
            throw new IllegalArgumentException(catalogueFileName + " is not a catalogue");
        }
        return catalogueFileName.substring(0, catalogueFileName.length() - CATALOGUE_SUFFIX.length());
    }

    /** The page documenting the provider: {@code libmtev.md}. */
    public static String markdownFileName(String provider) {
        return provider + ".md";
    }

    /** The bpftrace script tracing every probe: {@code libmtev.bt}. */
    public static String bpftraceScriptFileName(String provider) {
        return provider + ".bt";
    }

    /** The D script tracing every probe: {@code libmtev-trace.d}. */
    public static String dtraceScriptFileName(String provider) {
        return provider + "-trace.d";
    }

    /**
     * Whether {@code path} names a usdt4j library: linked into a platform folder, extracted, or
     * one of an extracted library's extra names for another class loader ({@code ….1.so}).
     * No regular expression: the runtime calls this as it starts, where one costs milliseconds.
     */
    public static boolean isLibraryPath(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.indexOf('/') >= 0 && name.startsWith(LIBRARY_PREFIX) && name.endsWith(".so")
                && name.length() > LIBRARY_PREFIX.length() + ".so".length();
    }

    /**
     * The provider a library path names: {@code libmtev} of {@code libusdt4j-libmtev.so} in a
     * jar or {@code libusdt4j-libmtev-3f2a….so} (and its {@code ….1.so} names) once extracted.
     */
    public static String providerOfLibrary(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String rest = name.substring(LIBRARY_PREFIX.length(), name.length() - ".so".length());
        int id = rest.indexOf('-');
        return id < 0 ? rest : rest.substring(0, id);
    }

    /** The shared object in the jar, under a platform folder: {@code libusdt4j-libmtev.so}. */
    public static String libraryFileName(String provider) {
        return LIBRARY_PREFIX + provider + ".so";
    }

    /**
     * What names a library's content once extracted: 16 hex digits, its CRC-32 then its size.
     * zlib computes the CRC natively, fast from a JVM's first call, where SHA-256 would first
     * load the JDK's security providers (some 40 ms of a cold start); and a jar records both for
     * every entry, so a JVM whose library is already in place learns its name without reading
     * it from the jar ({@link #contentId(long, long)}). The name only has to tell builds apart:
     * the runtime checks a file against its name before loading it, and the library's build id
     * against the class's after.
     */
    public static String contentId(byte[] library) {
        CRC32 crc = new CRC32();
        crc.update(library);
        return contentId(crc.getValue(), library.length);
    }

    /** The content id of a library whose CRC-32 and size are known, as a jar's entry records them. */
    public static String contentId(long crc32, long size) {
        if (crc32 < 0 || crc32 > 0xffff_ffffL || size < 0 || size > 0xffff_ffffL) {
            throw new IllegalArgumentException("a CRC-32 and a size below 4 GiB, not " + crc32 + " and " + size);
        }
        return hex8(crc32) + hex8(size);
    }

    private static String hex8(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(8 - hex.length()) + hex;
    }

    /** The shared object once extracted, named after its content: {@code libusdt4j-libmtev-3f2a….so}. */
    public static String extractedLibraryFileName(String provider, String contentId) {
        return LIBRARY_PREFIX + provider + "-" + contentId + ".so";
    }

    /** The platform folder of the running JVM, where its library is looked up. */
    public static String currentPlatformFolder() {
        return platformFolder(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * The platform folder a library is linked into and looked up under, from Java's
     * {@code os.name} and {@code os.arch}: {@code linux-x86_64}, {@code linux-aarch64}, …
     */
    public static String platformFolder(String osName, String osArch) {
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
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> osArch.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "");
        };
        return os + "-" + arch;
    }
}
