package io.github.usdt4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fallback when no generated implementation exists: no-op probes and a status saying why. */
class ProvidersTest {
    /** Never processed: the annotation processor does not run on the runtime's tests. */
    public interface Unprocessed {
        void fire(String text, int number);

        boolean fireEnabled();

        default int helper() {
            return 42;
        }
    }

    interface FailFast {
        void fire();
    }

    /** Implemented by hand, as the processor would: {@link Usdt4j_ProvidersTest_Handwritten}. */
    public interface Handwritten {
        void fire();
    }

    @Test
    void interfaceWithoutImplementationGetsNoOpProbes() {
        Unprocessed probes = Providers.get(Unprocessed.class);
        probes.fire(null, 1); // does nothing, throws nothing
        assertFalse(probes.fireEnabled());
        assertEquals(42, probes.helper());
        assertSame(probes, Providers.get(Unprocessed.class));

        ProviderStatus status = Providers.status(Unprocessed.class);
        assertFalse(status.active());
        assertTrue(status.reason().contains("annotationProcessorPaths"), status.reason());
        assertTrue(status.library().isEmpty());
    }

    @Test
    void failFastTurnsTheFallbackIntoAnException() {
        System.setProperty("usdt4j.failFast", "true");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Providers.get(FailFast.class));
            assertTrue(e.getMessage().contains("usdt4j.failFast"), e.getMessage());
        } finally {
            System.clearProperty("usdt4j.failFast");
        }
    }

    @Test
    void theInstanceTheGeneratedClassMadeForItsNativesIsTheOneHandedOut() {
        Handwritten probes = Providers.get(Handwritten.class);
        assertEquals(Usdt4j_ProvidersTest_Handwritten.class, probes.getClass());
        assertSame(probes, Providers.get(Handwritten.class));
        assertEquals(1, Usdt4j_ProvidersTest_Handwritten.made, "no second instance made by reflection");
        probes.fire();
        ProviderStatus status = Providers.status(Handwritten.class);
        assertFalse(status.active());
        assertTrue(status.reason().contains("no native library"), status.reason());
    }

    @Test
    void aClassIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Providers.get(String.class));
    }
}
