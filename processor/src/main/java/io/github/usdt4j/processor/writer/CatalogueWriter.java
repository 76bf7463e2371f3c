package io.github.usdt4j.processor.writer;

import io.github.usdt4j.catalogue.Catalogue;
import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.processor.model.ProbeModel;
import io.github.usdt4j.processor.model.ProviderModel;
import java.util.stream.Collectors;

/** Writes the probe catalogue ({@link Catalogue}) of a provider. */
public final class CatalogueWriter {
    private CatalogueWriter() {}

    public static String write(ProviderModel provider) {
        return catalogue(provider).format();
    }

    /** The provider's catalogue, as {@code list} and the D front-end will read it. */
    public static Catalogue catalogue(ProviderModel provider) {
        return new Catalogue(provider.name(), provider.providerInterface().canonicalName(),
                provider.implementationBinaryName(), provider.buildId(),
                provider.probes().stream().map(CatalogueWriter::probe).collect(Collectors.toList()));
    }

    private static Catalogue.Probe probe(ProbeModel probe) {
        return new Catalogue.Probe(probe.name(), probe.dName(), probe.methodName(), probe.arguments().stream()
                .map(a -> new Catalogue.Argument(a.dType(), a.dName(), a.javaType().toString(), a.javaName()))
                .collect(Collectors.toList()));
    }

    /** The catalogue's file name in the jar: {@code libmtev.probes}. */
    public static String fileName(ProviderModel provider) {
        return GeneratedLayout.catalogueFileName(provider.name());
    }
}
