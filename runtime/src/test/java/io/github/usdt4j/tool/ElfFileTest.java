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

    /**
     * A sparse file of 255 MiB (a few KiB on disk) with a dozen hard links, as an attacker maps
     * it: each name costs the reads of its headers and notes, never the file's size.
     */
    @Test
    void aSparseGiantIsReadByItsPartsOnly(@TempDir Path temp) throws Exception {
        Path giant = Files.write(temp.resolve("libgiant.so"), elf(List.of(note("p", "n"))));
        try (RandomAccessFile file = new RandomAccessFile(giant.toFile(), "rw")) {
            file.setLength(255L << 20);
        }
        for (int i = 0; i < 12; i++) {
            Path link = Files.createLink(temp.resolve("libgiant" + i + ".so"), giant);
            List<ElfFile.SdtNote> notes = ElfFile.read(link).sdtNotes();
            assertEquals(List.of(new ElfFile.SdtNote("p", "n", 0x1000, 0, "-4@%edi")), notes);
        }
    }

    /** A section that claims more than its bound is refused before any of it is read. */
    @Test
    void aNoteSectionClaimingAMillionNotesIsRefused(@TempDir Path temp) throws Exception {
        byte[] bytes = elf(List.of(note("p", "n")));
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        data.putLong(NOTES_HEADER + 0x20, 1_000_000L * 44); // sh_size of .note.stapsdt
        Path file = Files.write(temp.resolve("libmillion.so"), bytes);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.setLength(64L << 20); // so that the claim fits in the file
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ElfFile.read(file).sdtNotes());
        assertEquals("its SDT notes claim 44000000 bytes, more than the " + ElfFile.MAX_NOTES_SECTION
                + " read: not a library of probes", e.getMessage());
    }

    @Test
    void moreNotesThanALibraryHasAreRefused() {
        List<byte[]> notes = new java.util.ArrayList<>();
        for (int i = 0; i <= ElfFile.MAX_NOTES; i++) {
            notes.add(note("p", "n"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ElfFile(elf(notes)).sdtNotes());
        assertEquals("more than " + ElfFile.MAX_NOTES + " SDT notes: not a library of probes", e.getMessage());
    }

    @Test
    void aSymbolicLinkIsNotFollowed(@TempDir Path temp) throws Exception {
        Path library = Files.write(temp.resolve("libreal.so"), elf(List.of(note("p", "n"))));
        Path link = Files.createSymbolicLink(temp.resolve("liblink.so"), library);
        IOException e = assertThrows(IOException.class, () -> ElfFile.read(link));
        assertEquals("a symbolic link, not read", e.getMessage());
    }

    /** The offset of the {@code .note.stapsdt} section header in what {@link #elf} builds. */
    private static final int NOTES_HEADER = 64 + 2 * 64;

    /**
     * A minimal 64-bit little-endian ELF file: its header, three section headers (none,
     * {@code .shstrtab}, {@code .note.stapsdt}), the names, then the notes.
     */
    private static byte[] elf(List<byte[]> notes) {
        byte[] names = "\0.shstrtab\0.note.stapsdt\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int notesSize = notes.stream().mapToInt(n -> n.length).sum();
        int namesAt = 64 + 3 * 64;
        int notesAt = namesAt + 32;
        ByteBuffer out = ByteBuffer.allocate(notesAt + notesSize).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0, 0x464c457f).put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        out.putShort(0x12, (short) 62).putLong(0x28, 64).putShort(0x3A, (short) 64).putShort(0x3C, (short) 3)
                .putShort(0x3E, (short) 1);
        out.putInt(64 + 64, 1).putInt(64 + 64 + 4, 3).putLong(64 + 64 + 0x18, namesAt).putLong(64 + 64 + 0x20, names.length);
        out.putInt(NOTES_HEADER, 11).putInt(NOTES_HEADER + 4, 7).putLong(NOTES_HEADER + 0x18, notesAt)
                .putLong(NOTES_HEADER + 0x20, notesSize);
        out.put(namesAt, names);
        int at = notesAt;
        for (byte[] note : notes) {
            out.put(at, note);
            at += note.length;
        }
        return out.array();
    }

    /** One NT_STAPSDT note at pc 0x1000 without a semaphore, its argument in %edi. */
    private static byte[] note(String provider, String name) {
        byte[] text = (provider + "\0" + name + "\0-4@%edi\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int descSize = 24 + text.length;
        ByteBuffer note = ByteBuffer.allocate(12 + 8 + ((descSize + 3) & ~3)).order(ByteOrder.LITTLE_ENDIAN);
        note.putInt(8).putInt(descSize).putInt(3).put("stapsdt\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        note.putLong(0x1000).putLong(0).putLong(0).put(text);
        return note.array();
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
