package io.github.usdt4j.dtrace.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.usdt4j.catalogue.IntegerTypes;
import org.junit.jupiter.api.Test;

/**
 * The front-end reads every integer type a provider may declare as the processor declares it:
 * the catalogue names an argument's D type, and an argument read with another width or sign
 * prints another number (gid_t, which the processor accepted, was read as int64_t).
 */
class DTypeTest {
    @Test
    void everyTypeAProviderMayDeclareIsReadWithItsWidthAndSign() {
        int checked = 0;
        for (IntegerTypes.IntegerType type : IntegerTypes.all()) {
            DType read = DType.named(type.name());
            assertNotNull(read, type.name());
            assertEquals(type.bytes(), read.size(), type.name());
            assertEquals(type.signed(), read.signed(), type.name());
            checked += type.inC() ? 1 : 0;
        }
        assertEquals(34, checked, "the C integer types a provider may declare");
        DType gid = DType.named("gid_t");
        assertEquals("(uint32)", gid.bpftraceCast());
        assertEquals(4294967295L, gid.normalize(-1L));
    }
}
