package io.github.usdt4j.processor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.IntegerTypes;
import org.junit.jupiter.api.Test;

/** A provider may declare exactly the shared table's C integer types: the glue casts each value to its type. */
class DTypesTest {
    @Test
    void theCTypesOfTheSharedTableAndNoOthers() {
        for (IntegerTypes.IntegerType type : IntegerTypes.all()) {
            assertEquals(type.inC(), DTypes.integer(type.name()).isPresent(), type.name());
        }
        assertTrue(DTypes.mismatch(JavaKind.INT, "gid_t").isEmpty());
        assertEquals("\"hrtime_t\" is not a D type usdt4j knows; use a C integer type (int, uint32_t, size_t, …)"
                + " or a pointer type (void *, struct name *)", DTypes.mismatch(JavaKind.LONG, "hrtime_t").orElseThrow());
    }
}
