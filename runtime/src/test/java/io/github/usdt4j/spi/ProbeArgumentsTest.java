package io.github.usdt4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ProbeArgumentsTest {
    @Test
    void textNeverThrows() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        assertEquals(ProbeArguments.TO_STRING_FAILED, ProbeArguments.text(hostile));
        assertNull(ProbeArguments.text(null));
        assertEquals("42", ProbeArguments.text(42));
    }

    @Test
    void enumsPassTheirName() {
        assertEquals("SECONDS", ProbeArguments.name(java.util.concurrent.TimeUnit.SECONDS));
        assertNull(ProbeArguments.name(null));
    }
}
