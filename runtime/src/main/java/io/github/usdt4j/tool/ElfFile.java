package io.github.usdt4j.tool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a 64-bit ELF shared object that tools need (either byte order, so that a
 * library linked for s390x reads as well as one for x86_64): its machine, its SDT notes
 * ({@code .note.stapsdt}), the usdt4j catalogue section, the functions that hold its probe
 * sites, and where it is loaded. Public so that the listing and the D front-end read libraries
 * with one piece of code.
 *
 * <p>The files read are often another user's, read by root. So a file is opened once and only
 * what is needed is read from that descriptor, each part within a bound whatever the headers
 * claim ({@link #MAX_SECTION_TABLE}, {@link #MAX_NOTES}…): a sparse file of any size, or one
 * claiming a million notes, costs a few reads and is refused; nothing of the file is kept but
 * what was parsed.
 */
public final class ElfFile {
    /**
     * One {@code NT_STAPSDT} note: a probe site with its semaphore's address and its
     * arguments' operands ({@code -4@%edi 8@-16(%rbp)}, one per argument, separated by spaces).
     */
    public record SdtNote(String provider, String name, long pc, long semaphore, String arguments) {
        /**
         * The arguments' operands, one per argument: split on the spaces between them, not on
         * those inside an AArch64 memory operand ({@code 8@[sp, 112]}).
         */
        public List<String> operands() {
            List<String> operands = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i <= arguments.length(); i++) {
                char c = i < arguments.length() ? arguments.charAt(i) : ' ';
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (c == ' ' && depth <= 0) {
                    if (i > start) {
                        operands.add(arguments.substring(start, i));
                    }
                    start = i + 1;
                }
            }
            return operands;
        }

        /** The operand's size in bytes, negative when signed: the number before its {@code @}. */
        public static int operandSize(String operand) {
            int at = operand.indexOf('@');
            try {
                return at > 0 ? Integer.parseInt(operand.substring(0, at)) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** The most bytes of section headers read: 65,535 headers of 64 bytes, what {@code e_shnum} can count. */
    public static final int MAX_SECTION_TABLE = 65_535 * 64;
    /** The most bytes of section names read ({@code .shstrtab}); a real one is a few hundred. */
    public static final int MAX_SECTION_NAMES = 1 << 20;
    /** The largest {@code .note.stapsdt} read: libjvm.so's is about 55 KiB. */
    public static final int MAX_NOTES_SECTION = 4 << 20;
    /** The most SDT notes a file may hold: libjvm.so has about 530, a usdt4j library one a probe. */
    public static final int MAX_NOTES = 16_384;
    /** The largest catalogue section read: a real one is a few KiB. */
    public static final int MAX_CATALOGUE = 1 << 20;
    /** The largest symbol table and its strings read, each: libjvm.so's are 1.6 and 3.3 MiB. */
    public static final int MAX_SYMBOLS = 32 << 20;

    private final int machine;
    private final long firstLoadAddress;
    private final List<SdtNote> notes;
    private final IllegalArgumentException notesProblem;
    private final Optional<String> catalogue;
    private final IllegalArgumentException catalogueProblem;
    /** The function holding each note's pc, found once as the file is read. */
    private final Map<Long, String> functions;

    /**
     * Reads the library at {@code path}, a path the caller chose or trusts (a build's output,
     * an installed JDK's): only a regular file and not a symbolic link, checked before the
     * open and opened without following a link. Every failure is an {@link IOException} whose
     * message says what is wrong with the file, never a hang or an {@code OutOfMemoryError}.
     * For a library another process maps, {@link #read(LibraryMappings.Mapping)} reads the
     * mapped file itself.
     */
    public static ElfFile read(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new IOException("a symbolic link, not read");
        }
        if (!attributes.isRegularFile()) {
            throw new IOException("not a regular file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return read(channel);
        }
    }

    /**
     * Reads the library a process maps through {@code /proc/PID/map_files}: the very file
     * mapped, whatever its path now leads to. That is always a file that could be mapped, so
     * never a FIFO, and its owner cannot swap it between a check and the open. Opening it needs
     * root (CAP_SYS_ADMIN); without it, the path is read as {@link #read(Path)} reads it: the
     * processes whose maps we may read then are our own user's.
     */
    public static ElfFile read(LibraryMappings.Mapping mapping) throws IOException {
        if (mapping.object() == null) {
            return read(Path.of(mapping.path()));
        }
        return readMapped(mapping.object(), Path.of(mapping.path()));
    }

    /** The process that mapped the file ended, or unmapped it, before it could be read: nothing is wrong with the file. */
    public static final class Gone extends IOException {
        private static final long serialVersionUID = 1L;

        Gone() {
            super("no longer mapped (the process ended or unmapped it)");
        }
    }

    /** The file behind {@code object}, a {@code /proc/PID/map_files} entry; else {@code path} as {@link #read(Path)}. */
    static ElfFile readMapped(Path object, Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(object, BasicFileAttributes.class); // the mapped file's own
        } catch (java.nio.file.NoSuchFileException gone) {
            throw new Gone();
        } catch (java.nio.file.FileSystemException notRoot) { // EPERM without CAP_SYS_ADMIN
            return read(path);
        }
        if (!attributes.isRegularFile()) {
            throw new IOException("not a regular file"); // a mapped device: never opened
        }
        try (FileChannel channel = FileChannel.open(object, StandardOpenOption.READ)) {
            return read(channel);
        } catch (java.nio.file.NoSuchFileException gone) {
            throw new Gone();
        }
    }

    /** Reads an open file, each part within its bound. */
    private static ElfFile read(FileChannel channel) throws IOException {
        try {
            return new ElfFile(new ChannelSource(channel));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    /**
     * Parses an ELF object held in memory (a library in a jar); {@link IllegalArgumentException}
     * when it is not one this class reads or its headers point outside it.
     */
    public ElfFile(byte[] bytes) {
        this(new ArraySource(bytes));
    }

    private ElfFile(Source file) {
        try {
            ByteBuffer header = file.read(0, 64, "the ELF header");
            if (header.getInt(0) != 0x464c457f) {
                throw new IllegalArgumentException("not an ELF file");
            }
            if (header.get(4) != 2 || (header.get(5) != 1 && header.get(5) != 2)) {
                throw new IllegalArgumentException("only 64-bit ELF files are read");
            }
            ByteOrder order = header.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            header.order(order);
            file.order = order;
            machine = Short.toUnsignedInt(header.getShort(0x12));
            List<Section> sections = readSections(file, header);
            firstLoadAddress = readFirstLoadAddress(file, header);
            // a malformed part is said when it is asked for: the others still read
            Part<List<SdtNote>> sdt = Part.of(() -> readSdtNotes(file, sections), List.of());
            notes = sdt.value();
            notesProblem = sdt.problem();
            Part<Optional<String>> text = Part.of(() -> readCatalogue(file, sections), Optional.empty());
            catalogue = text.value();
            catalogueProblem = text.problem();
            Map<Long, String> names = Map.of();
            try {
                names = readFunctions(file, sections, notes);
            } catch (IllegalArgumentException malformed) {
                // a symbol table pointing outside the file names no function
            }
            functions = names;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage() != null ? e.getMessage() : "could not be read", e);
        }
    }

    private record Section(String name, long address, long offset, long size) {}

    /** A part of the file as read: its value, or why it could not be (and a value to use meanwhile). */
    private record Part<T>(T value, IllegalArgumentException problem) {
        interface Reader<T> {
            T read() throws IOException;
        }

        static <T> Part<T> of(Reader<T> reader, T instead) throws IOException {
            try {
                return new Part<>(reader.read(), null);
            } catch (IllegalArgumentException e) {
                return new Part<>(instead, e);
            }
        }
    }

    private static List<Section> readSections(Source file, ByteBuffer header) throws IOException {
        long table = header.getLong(0x28);
        int entrySize = Short.toUnsignedInt(header.getShort(0x3A));
        int count = Short.toUnsignedInt(header.getShort(0x3C));
        int namesIndex = Short.toUnsignedInt(header.getShort(0x3E));
        List<Section> sections = new ArrayList<>();
        if (count == 0) {
            return sections;
        }
        if (entrySize < 0x40 || entrySize > 0x100) {
            throw new IllegalArgumentException("malformed ELF file: section header entries of " + entrySize + " bytes");
        }
        ByteBuffer headers = file.read(table, (long) count * entrySize, MAX_SECTION_TABLE, "its section headers");
        if (namesIndex >= count) {
            throw new IllegalArgumentException("malformed ELF file: its section names are in section " + namesIndex
                    + " of " + count);
        }
        int namesHeader = namesIndex * entrySize;
        ByteBuffer names = file.read(headers.getLong(namesHeader + 0x18), headers.getLong(namesHeader + 0x20),
                MAX_SECTION_NAMES, "its section names");
        for (int i = 0; i < count; i++) {
            int at = i * entrySize;
            long name = Integer.toUnsignedLong(headers.getInt(at));
            sections.add(new Section(name < names.limit() ? string(names, (int) name) : "",
                    headers.getLong(at + 0x10), headers.getLong(at + 0x18), headers.getLong(at + 0x20)));
        }
        return sections;
    }

    private static long readFirstLoadAddress(Source file, ByteBuffer header) throws IOException {
        long table = header.getLong(0x20);
        int entrySize = Short.toUnsignedInt(header.getShort(0x36));
        int count = Short.toUnsignedInt(header.getShort(0x38));
        if (count == 0) {
            return 0;
        }
        if (entrySize < 0x38 || entrySize > 0x100) {
            throw new IllegalArgumentException("malformed ELF file: program header entries of " + entrySize + " bytes");
        }
        ByteBuffer headers = file.read(table, (long) count * entrySize, MAX_SECTION_TABLE, "its program headers");
        for (int i = 0; i < count; i++) {
            int at = i * entrySize;
            if (headers.getInt(at) == 1) { // PT_LOAD
                return headers.getLong(at + 0x10) - headers.getLong(at + 0x08);
            }
        }
        return 0;
    }

    private static Optional<Section> section(List<Section> sections, String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static List<SdtNote> readSdtNotes(Source file, List<Section> sections) throws IOException {
        List<SdtNote> notes = new ArrayList<>();
        Optional<Section> section = section(sections, ".note.stapsdt");
        if (section.isEmpty()) {
            return notes;
        }
        long base = section(sections, ".stapsdt.base").map(Section::address).orElse(0L);
        ByteBuffer data = file.read(section.get().offset(), section.get().size(), MAX_NOTES_SECTION, "its SDT notes");
        int at = 0;
        int end = data.limit();
        while (at + 12 <= end) {
            long nameSize = Integer.toUnsignedLong(data.getInt(at));
            long descSize = Integer.toUnsignedLong(data.getInt(at + 4));
            int type = data.getInt(at + 8);
            int name = at + 12;
            if (nameSize > end - name || descSize > end - name - align4(nameSize)) {
                throw new IllegalArgumentException("malformed ELF file: an SDT note's sizes run past its section");
            }
            int desc = name + (int) align4(nameSize);
            int descEnd = desc + (int) descSize;
            if (type == 3 && nameSize == 8 && string(data, name, name + 8).equals("stapsdt")) {
                if (descSize < 24) {
                    throw new IllegalArgumentException("malformed ELF file: an SDT note of " + descSize + " bytes");
                }
                if (notes.size() == MAX_NOTES) {
                    throw new IllegalArgumentException("more than " + MAX_NOTES + " SDT notes: not a library of probes");
                }
                long pc = data.getLong(desc);
                long noteBase = data.getLong(desc + 8);
                long semaphore = data.getLong(desc + 16);
                int text = desc + 24;
                String provider = string(data, text, descEnd);
                text = Math.min(descEnd, text + utf8Length(provider) + 1);
                String probe = string(data, text, descEnd);
                text = Math.min(descEnd, text + utf8Length(probe) + 1);
                String arguments = string(data, text, descEnd);
                // prelink may have moved the object: the note's base says where it thought it was
                long shift = base != 0 ? base - noteBase : 0;
                notes.add(new SdtNote(provider, probe, pc + shift, semaphore == 0 ? 0 : semaphore + shift, arguments));
            }
            at = desc + (int) align4(descSize); // sizes checked above: always forward, never past the end
        }
        return notes;
    }

    private static Optional<String> readCatalogue(Source file, List<Section> sections) throws IOException {
        Optional<Section> section = section(sections, ".usdt4j.catalogue");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer data;
        try {
            data = file.read(section.get().offset(), section.get().size(), MAX_CATALOGUE, "its catalogue");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed ELF file: its catalogue section runs past its end");
        }
        return Optional.of(string(data, 0, data.limit()));
    }

    /**
     * The function holding each note's pc, from {@code .symtab} or else {@code .dynsym}: the
     * innermost (the last to start at or before the pc) of the functions that hold it.
     */
    private static Map<Long, String> readFunctions(Source file, List<Section> sections, List<SdtNote> notes)
            throws IOException {
        if (notes.isEmpty()) {
            return Map.of();
        }
        for (String table : List.of(".symtab", ".dynsym")) {
            Optional<Section> symbols = section(sections, table);
            Optional<Section> strings = section(sections, table.equals(".symtab") ? ".strtab" : ".dynstr");
            if (symbols.isEmpty() || strings.isEmpty()) {
                continue;
            }
            ByteBuffer data = file.read(symbols.get().offset(), symbols.get().size(), MAX_SYMBOLS, "its symbol table");
            List<long[]> found = new ArrayList<>(); // start, size, name offset
            for (int at = 0; at + 24 <= data.limit(); at += 24) {
                int info = data.get(at + 4);
                long size = data.getLong(at + 16);
                if ((info & 0xf) == 2 && size > 0) { // STT_FUNC
                    found.add(new long[] {data.getLong(at + 8), size, Integer.toUnsignedLong(data.getInt(at))});
                }
            }
            found.sort(Comparator.comparingLong(f -> f[0]));
            ByteBuffer names = file.read(strings.get().offset(), strings.get().size(), MAX_SYMBOLS, "its symbol names");
            Map<Long, String> functions = new HashMap<>();
            for (SdtNote note : notes) {
                long[] function = containing(found, note.pc());
                if (function != null && function[2] < names.limit()) {
                    functions.put(note.pc(), string(names, (int) function[2]));
                }
            }
            return functions;
        }
        return Map.of();
    }

    private static long[] containing(List<long[]> functions, long address) {
        int low = 0;
        int high = functions.size() - 1;
        while (low <= high) { // the last function that starts at or before the address
            int middle = (low + high) >>> 1;
            if (functions.get(middle)[0] <= address) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        for (int i = high; i >= 0 && i > high - 8; i--) { // nested or zero-sized neighbours
            long[] f = functions.get(i);
            if (address >= f[0] && address - f[0] < f[1]) {
                return f;
            }
        }
        return null;
    }

    /** The processor it is for, as {@code e_machine} numbers it: 62 is x86-64, 183 AArch64, 21 64-bit PowerPC, 22 S/390, 243 RISC-V. */
    public int machine() {
        return machine;
    }

    /** The virtual address of the first loadable segment: the load bias is its mapping start less it. */
    public long firstLoadAddress() {
        return firstLoadAddress;
    }

    /** Every SDT note, in file order; {@link IllegalArgumentException} when they run outside the file or are too many. */
    public List<SdtNote> sdtNotes() {
        if (notesProblem != null) {
            throw notesProblem;
        }
        return notes;
    }

    /** The usdt4j catalogue the glue embeds, if this library has one. */
    public Optional<String> catalogue() {
        if (catalogueProblem != null) {
            throw catalogueProblem;
        }
        return catalogue;
    }

    /**
     * The name of the function whose code holds {@code address}, the pc of one of this file's
     * SDT notes (the only addresses looked up as the file is read), from {@code .symtab} or
     * else {@code .dynsym}; empty when no symbol covers it.
     */
    public Optional<String> functionContaining(long address) {
        return Optional.ofNullable(functions.get(address));
    }

    /** The NUL-terminated UTF-8 string at {@code offset} of {@code data}, ending at its limit at the latest. */
    private static String string(ByteBuffer data, int offset) {
        return string(data, offset, data.limit());
    }

    private static String string(ByteBuffer data, int offset, int limit) {
        int end = offset;
        while (end < limit && data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[Math.max(0, end - offset)];
        data.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long align4(long size) {
        return (size + 3) & ~3L;
    }

    /** Where the parts are read from: a file, or a library in memory. */
    private abstract static class Source {
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        abstract long size() throws IOException;

        abstract void readFully(long offset, byte[] into) throws IOException;

        ByteBuffer read(long offset, int length, String what) throws IOException {
            return read(offset, length, length, what);
        }

        /** {@code length} bytes at {@code offset}, refused unless inside the file and at most {@code bound}. */
        ByteBuffer read(long offset, long length, int bound, String what) throws IOException {
            if (length > bound) {
                throw new IllegalArgumentException(what + " claim " + length + " bytes, more than the "
                        + bound + " read: not a library of probes");
            }
            long size = size();
            if (offset < 0 || length < 0 || offset > size || length > size - offset) {
                throw new IllegalArgumentException(offset == 0 && length == 64 ? "not an ELF file"
                        : "malformed ELF file: " + what + " run outside it");
            }
            byte[] bytes = new byte[(int) length];
            readFully(offset, bytes);
            return ByteBuffer.wrap(bytes).order(order);
        }
    }

    private static final class ArraySource extends Source {
        private final byte[] bytes;

        ArraySource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        long size() {
            return bytes.length;
        }

        @Override
        void readFully(long offset, byte[] into) {
            System.arraycopy(bytes, (int) offset, into, 0, into.length);
        }
    }

    private static final class ChannelSource extends Source {
        private final FileChannel channel;
        private final long size;

        ChannelSource(FileChannel channel) throws IOException {
            this.channel = channel;
            this.size = channel.size(); // once: a file that grows while it is read is read as it was
        }

        @Override
        long size() {
            return size;
        }

        @Override
        void readFully(long offset, byte[] into) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(into);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    Arrays.fill(into, buffer.position(), into.length, (byte) 0); // shrunk under us: zeros, as a hole reads
                    return;
                }
            }
        }
    }
}
