package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.Providers;
import io.github.usdt4j.processor.ProviderProcessor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The published jars carry their module names: the JDK finds {@code io.github.usdt4j} in the
 * runtime jar, not a name derived from the file, which changes when the jar is renamed.
 */
class ModuleNamesTest {
    @Test
    void theRuntimeAndTheProcessorNameTheirModules() throws Exception {
        assertEquals("io.github.usdt4j", moduleNameOfTheJarHolding(Providers.class));
        assertEquals("io.github.usdt4j.processor", moduleNameOfTheJarHolding(ProviderProcessor.class));
    }

    private static String moduleNameOfTheJarHolding(Class<?> type) throws Exception {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(jar), type + " comes from " + jar + ", not a jar: run the tests with mvn verify");
        Set<String> names = ModuleFinder.of(jar).findAll().stream()
                .map(ModuleReference::descriptor).map(d -> d.name()).collect(Collectors.toSet());
        assertEquals(1, names.size(), names.toString());
        return names.iterator().next();
    }
}
