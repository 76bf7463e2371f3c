package io.github.usdt4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ELF reader on anything: a real library with hundreds of SDT notes (the JVM's own
 * libjvm.so), and a corpus generated from it by corrupting its headers and notes. Every
 * input either parses or fails with an ordinary error, quickly; never a hang, an
 * {@code OutOfMemoryError} or an index exception.
 */
class ElfFileTest {
    private static final Path LIBJVM = Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so");

    @Test
    void readsTheJvmsOwnProbes() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(LIBJVM), "no " + LIBJVM);
        List<ElfFile.SdtNote> notes = ElfFile.read(LIBJVM).sdtNotes();
        assertTrue(notes.size() > 100, "libjvm.so carries the hotspot probes: " + notes.size());
        assertTrue(notes.stream().anyMatch(n -> n.provider().equals("hotspot") && n.name().equals("gc__begin")), notes.toString());
    }

    @Test
    void aCorruptedLibraryParsesOrFailsWithAnOrdinaryError() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(LIBJVM), "no " + LIBJVM);
        byte[] original = Files.readAllBytes(LIBJVM);
        ByteBuffer header = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
        int sectionHeaders = (int) header.getLong(0x28);
        int notes = noteSection(original);
        long seed = Long.getLong("usdt4j.fuzzSeed", 20261202L);
        Random random = new Random(seed);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 400; i++) {
                byte[] bytes = original.clone();
                // corrupt where a reader trusts the file: its header, its section table, its notes
                int[] regions = {0, sectionHeaders, notes};
                int region = regions[i % regions.length];
                for (int n = 0; n < 1 + random.nextInt(4); n++) {
                    int at = Math.min(bytes.length - 4, region + random.nextInt(i % 3 == 0 ? 64 : 4096));
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, random.nextBoolean()
                            ? random.nextInt() : (random.nextBoolean() ? -1 : 0x7ffffff0));
                }
                try {
                    ElfFile elf = new ElfFile(bytes);
                    elf.sdtNotes().forEach(note -> elf.functionContaining(note.pc()));
                    elf.catalogue();
                    elf.firstLoadAddress();
                } catch (IllegalArgumentException expected) {
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank(),
                            "seed " + seed + ", input " + i + ": an error that says what is wrong");
                }
            }
        }, "seed " + seed);
    }

    @Test
    void aNoteWhoseSizesWrapIsAnErrorNotALoop() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(LIBJVM), "no " + LIBJVM);
        byte[] bytes = Files.readAllBytes(LIBJVM);
        int note = noteSection(bytes);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(note + 4, 0xfffffff4); // descsz: -12
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IllegalArgumentException.class, () -> new ElfFile(bytes).sdtNotes()));
        assertEquals("malformed ELF file: an SDT note's sizes run past its section", e.getMessage());
    }

    @Test
    void aFifoIsRefusedWithoutBlocking(@TempDir Path temp) throws Exception {
        Path fifo = temp.resolve("libusdt4j-x-0.so");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IOException.class, () -> ElfFile.read(fifo)));
        assertEquals("not a regular file", e.getMessage());
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead(@TempDir Path temp) throws Exception {
        Path huge = temp.resolve("huge.so");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(ElfFile.MAX_SIZE + 1); // sparse: no disk used
        }
        IOException e = assertThrows(IOException.class, () -> ElfFile.read(huge));
        assertTrue(e.getMessage().startsWith("larger than 256 MiB"), e.getMessage());
    }

    /** Operands as each platform's sys/sdt.h writes them: AArch64's memory operands hold a space. */
    @Test
    void operandsSplitBetweenArgumentsOnEveryPlatform() {
        assertEquals(List.of("-4@%edi", "8@-16(%rbp)", "4@$7"), note("-4@%edi 8@-16(%rbp) 4@$7").operands());
        assertEquals(List.of("-4@[sp, 112]", "8@x21", "8@[x22]", "-4@[sp, 116]"),
                note("-4@[sp, 112] 8@x21 8@[x22] -4@[sp, 116]").operands());
        assertEquals(List.of("-4@20", "8@25"), note("-4@20 8@25").operands());
        assertEquals(List.of("-4@%r7", "8@176(%r15)"), note("-4@%r7 8@176(%r15)").operands());
        assertEquals(List.of("-4@8(sp)", "8@s3"), note("-4@8(sp) 8@s3").operands());
        assertEquals(List.of(), note("").operands());
        assertEquals(-4, ElfFile.SdtNote.operandSize("-4@[sp, 112]"));
        assertEquals(8, ElfFile.SdtNote.operandSize("8@x21"));
        assertEquals(0, ElfFile.SdtNote.operandSize("x21"));
    }

    private static ElfFile.SdtNote note(String arguments) {
        return new ElfFile.SdtNote("p", "n", 0, 0, arguments);
    }

    @Test
    void notAnElfFile(@TempDir Path temp) throws Exception {
        Path text = Files.writeString(temp.resolve("text.so"), "hello");
        IOException e = assertThrows(IOException.class, () -> ElfFile.read(text));
        assertEquals("not an ELF file", e.getMessage());
        assertFalse(e.getMessage().contains("Exception"));
    }

    /** The file offset of {@code .note.stapsdt}, found the way readelf would. */
    private static int noteSection(byte[] bytes) {
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int table = (int) data.getLong(0x28);
        int size = Short.toUnsignedInt(data.getShort(0x3A));
        int count = Short.toUnsignedInt(data.getShort(0x3C));
        int names = (int) data.getLong(table + Short.toUnsignedInt(data.getShort(0x3E)) * size + 0x18);
        for (int i = 0; i < count; i++) {
            int header = table + i * size;
            int name = names + data.getInt(header);
            if (new String(bytes, name, ".note.stapsdt".length(), java.nio.charset.StandardCharsets.US_ASCII).equals(".note.stapsdt")) {
                return (int) data.getLong(header + 0x18);
            }
        }
        throw new AssertionError("no .note.stapsdt in " + LIBJVM);
    }
}
