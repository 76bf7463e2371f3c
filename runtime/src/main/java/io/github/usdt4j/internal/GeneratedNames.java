package io.github.usdt4j.internal;

/**
 * Where the processor puts what it generates for a provider interface. The processor applies
 * the same rules; change both together.
 */
public final class GeneratedNames {
    /** Prefix of the generated implementation's simple name. */
    public static final String IMPLEMENTATION_PREFIX = "Usdt4j_";
    /** Folder in the jar that holds one folder per generated implementation. */
    public static final String RESOURCE_ROOT = "META-INF/usdt4j";

    private GeneratedNames() {}

    /**
     * {@code com.example.Libmtev} gives {@code com.example.Usdt4j_Libmtev};
     * {@code com.example.Server$Probes} gives {@code com.example.Usdt4j_Server_Probes}.
     */
    public static String implementationName(Class<?> providerInterface) {
        String packageName = providerInterface.getPackageName();
        String nested = providerInterface.getName().substring(
                packageName.isEmpty() ? 0 : packageName.length() + 1);
        String simple = IMPLEMENTATION_PREFIX + nested.replace('$', '_');
        return packageName.isEmpty() ? simple : packageName + "." + simple;
    }

    /** The jar folder of a generated implementation: {@code META-INF/usdt4j/<binary name>}. */
    public static String resourceFolder(Class<?> implementation) {
        return RESOURCE_ROOT + "/" + implementation.getName();
    }

    /** The shared object's file name in the jar: {@code libusdt4j-libmtev.so}. */
    public static String libraryFileName(String provider) {
        return "libusdt4j-" + provider + ".so";
    }
}
