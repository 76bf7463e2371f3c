package io.github.usdt4j.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue's one format: what {@link Catalogue#format()} writes, {@link Catalogue#parse} reads back. */
class CatalogueTest {
    private static final Catalogue LIBMTEV = new Catalogue("libmtev", "com.example.Libmtev", "com.example.Usdt4j_Libmtev",
            "3f2a9c", List.of(
                    new Catalogue.Probe("eventer-read-entry", "eventer__read__entry", "eventerReadEntry", List.of(
                            new Catalogue.Argument("int", "fd", "int", "fd"),
                            new Catalogue.Argument("char *", "buf", "java.lang.String", "buf"),
                            new Catalogue.Argument("void *", "closure", "long", "closure"))),
                    new Catalogue.Probe("tick", "tick", "tick", List.of())));

    @Test
    void whatIsWrittenReadsBackTheSame() {
        assertEquals(LIBMTEV, Catalogue.parse(LIBMTEV.format()));
    }

    @Test
    void theTextIsTabSeparatedLinesAToolCanRead() {
        assertEquals("# usdt4j probe catalogue\n"
                + "provider\tlibmtev\n"
                + "interface\tcom.example.Libmtev\n"
                + "implementation\tcom.example.Usdt4j_Libmtev\n"
                + "build-id\t3f2a9c\n"
                + "# probe\tname\telf-name\tjava-method\targuments (D type|D name|Java type|Java name, '; ' between)\n"
                + "probe\teventer-read-entry\teventer__read__entry\teventerReadEntry\t"
                + "int|fd|int|fd; char *|buf|java.lang.String|buf; void *|closure|long|closure\n"
                + "probe\ttick\ttick\ttick\t\n", LIBMTEV.format());
    }

    @Test
    void declarationsAreSpelledAsTheProviderFileAndTheInterfaceSpellThem() {
        Catalogue.Probe probe = LIBMTEV.probes().get(0);
        assertEquals("eventer__read__entry(int fd, char *buf, void *closure)", probe.dDeclaration());
        assertEquals("eventerReadEntry(int fd, String buf, long closure)", probe.javaSignature());
    }

    @Test
    void linesOfALaterVersionAreSkippedAndMissingFieldsReadAsUnknown() {
        Catalogue read = Catalogue.parse("# usdt4j probe catalogue\nprovider\tx\nstability\tEvolving\n"
                + "probe\tgo\tgo\n" + "probe\tmore\tmore\tmore\tint|a|int|a; some future|format\n");
        assertEquals("x", read.provider());
        assertEquals("?", read.buildId());
        assertEquals(new Catalogue.Probe("go", "go", "?", List.of()), read.probes().get(0));
        assertEquals(List.of(new Catalogue.Argument("int", "a", "int", "a"),
                new Catalogue.Argument("some future|format", "", "?", "")), read.probes().get(1).arguments());
    }

    @Test
    void aLibraryWithoutACatalogueIsDescribedByItsNotes() {
        Catalogue notes = Catalogue.ofNotes("libmtev", List.of("eventer__read__entry"));
        assertEquals(List.of(new Catalogue.Probe("eventer-read-entry", "eventer__read__entry", "?", List.of())), notes.probes());
    }
}
