package io.github.usdt4j.processor.writer;

import io.github.usdt4j.processor.model.ArgumentModel;
import io.github.usdt4j.processor.model.ProbeModel;
import io.github.usdt4j.processor.model.ProviderModel;
import java.util.stream.Collectors;

/**
 * Writes the probe catalogue: one tab-separated line per probe with every spelling of its
 * name, its Java method and its arguments, for documentation and the listing tool. Plain
 * text, so reading it needs no library.
 */
public final class CatalogueWriter {
    private CatalogueWriter() {}

    public static String write(ProviderModel provider) {
        StringBuilder out = new StringBuilder()
                .append("# usdt4j probe catalogue\n")
                .append("provider\t").append(provider.name()).append('\n')
                .append("interface\t").append(provider.providerInterface().canonicalName()).append('\n')
                .append("implementation\t").append(provider.implementationBinaryName()).append('\n')
                .append("build-id\t").append(provider.buildId()).append('\n')
                .append("# probe\tname\telf-name\tjava-method\targuments (D type|D name|Java type|Java name, '; ' between)\n");
        for (ProbeModel probe : provider.probes()) {
            String arguments = probe.arguments().stream()
                    .map(CatalogueWriter::argument)
                    .collect(Collectors.joining("; "));
            out.append("probe\t").append(probe.name())
                    .append('\t').append(probe.dName())
                    .append('\t').append(probe.methodName())
                    .append('\t').append(arguments)
                    .append('\n');
        }
        return out.toString();
    }

    private static String argument(ArgumentModel argument) {
        return argument.dType() + "|" + argument.dName() + "|" + argument.javaType() + "|" + argument.javaName();
    }

    /** The catalogue's file name in the jar: {@code libmtev.probes}. */
    public static String fileName(ProviderModel provider) {
        return provider.name() + ".probes";
    }
}
