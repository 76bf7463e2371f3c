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

    /** What the front-end shows for values the program keeps whole: D's rules, on byte text. */
    @Test
    void renderedStrings() {
        assertEquals("java/lang", DType.DIRNAME.rendered("java/lang/String"));
        assertEquals("String", DType.BASENAME.rendered("java/lang/String"));
        assertEquals("ABC/\u00c3\u00a9", DType.TOUPPER.rendered("abc/\u00c3\u00a9")); // é's bytes unchanged
        assertEquals("abc", DType.TOLOWER.rendered("ABC"));
        assertEquals("-42", DType.LLTOSTR.rendered("-42"));
        assertEquals("plain", DType.STRING.rendered("plain"));
    }
}
