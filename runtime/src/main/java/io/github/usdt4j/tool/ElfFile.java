package io.github.usdt4j.tool;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a 64-bit ELF shared object that tools need (either byte order, so that a
 * library linked for s390x reads as well as one for x86_64): its machine, its SDT notes
 * ({@code .note.stapsdt}), the usdt4j catalogue section, its function symbols, and where it is
 * loaded. Public so that the listing and the D front-end read libraries with one piece of code.
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

    private final ByteBuffer data;
    private final List<Section> sections = new ArrayList<>();

    private record Section(String name, long address, long offset, long size) {}

    /** The largest file read: libjvm.so is about 20 MiB; anything far larger is not a library we list. */
    public static final long MAX_SIZE = 256L << 20;

    /**
     * Reads {@code path} whole: only a regular file (a FIFO would block the reader) of at most
     * {@link #MAX_SIZE} bytes. Every failure is an {@link java.io.IOException} whose message
     * says what is wrong with the file, never a hang or an {@code OutOfMemoryError}.
     */
    public static ElfFile read(java.nio.file.Path path) throws java.io.IOException {
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new java.io.IOException("not a regular file");
        }
        byte[] bytes;
        try (java.nio.channels.SeekableByteChannel channel = java.nio.file.Files.newByteChannel(path)) {
            long size = channel.size();
            if (size > MAX_SIZE) {
                throw new java.io.IOException("larger than " + (MAX_SIZE >> 20) + " MiB (" + size + " bytes)");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // until the end, or the file shrinks under us
            }
            bytes = java.util.Arrays.copyOf(buffer.array(), buffer.position());
        }
        try {
            return new ElfFile(bytes);
        } catch (IllegalArgumentException e) {
            throw new java.io.IOException(e.getMessage());
        }
    }

    /**
     * Parses an ELF object; {@link IllegalArgumentException} when it is not one this class
     * reads or its headers point outside the file.
     */
    public ElfFile(byte[] bytes) {
        try {
            data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            readSections(bytes);
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("malformed ELF file: its section headers point outside it");
        }
    }

    private void readSections(byte[] bytes) {
        if (bytes.length < 64 || data.getInt(0) != 0x464c457f) {
            throw new IllegalArgumentException("not an ELF file");
        }
        if (data.get(4) != 2 || (data.get(5) != 1 && data.get(5) != 2)) {
            throw new IllegalArgumentException("only 64-bit ELF files are read");
        }
        data.order(data.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long sectionHeaders = data.getLong(0x28);
        int entrySize = Short.toUnsignedInt(data.getShort(0x3A));
        int count = Short.toUnsignedInt(data.getShort(0x3C));
        int namesIndex = Short.toUnsignedInt(data.getShort(0x3E));
        if (count > 0 && entrySize < 0x40) {
            throw new IllegalArgumentException("malformed ELF file: section header entries of " + entrySize + " bytes");
        }
        long namesOffset = count == 0 ? 0 : data.getLong(at(sectionHeaders + (long) namesIndex * entrySize + 0x18));
        for (int i = 0; i < count; i++) {
            int header = at(sectionHeaders + (long) i * entrySize);
            String name = string(at(namesOffset + Integer.toUnsignedLong(data.getInt(header))));
            sections.add(new Section(name, data.getLong(header + 0x10), data.getLong(header + 0x18),
                    data.getLong(header + 0x20)));
        }
    }

    /** The processor it is for, as {@code e_machine} numbers it: 62 is x86-64, 183 AArch64, 21 64-bit PowerPC, 22 S/390, 243 RISC-V. */
    public int machine() {
        return Short.toUnsignedInt(data.getShort(0x12));
    }

    /** The virtual address of the first loadable segment: the load bias is its mapping start less it. */
    public long firstLoadAddress() {
        try {
            return readFirstLoadAddress();
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("malformed ELF file: its program headers point outside it");
        }
    }

    private long readFirstLoadAddress() {
        long programHeaders = data.getLong(0x20);
        int entrySize = Short.toUnsignedInt(data.getShort(0x36));
        int count = Short.toUnsignedInt(data.getShort(0x38));
        for (int i = 0; i < count; i++) {
            int header = at(programHeaders + (long) i * entrySize);
            if (data.getInt(header) == 1) { // PT_LOAD
                return data.getLong(header + 0x10) - data.getLong(header + 0x08);
            }
        }
        return 0;
    }

    /** Every SDT note, in file order; {@link IllegalArgumentException} when they run outside the file. */
    public List<SdtNote> sdtNotes() {
        try {
            return readSdtNotes();
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("malformed ELF file: its SDT notes point outside it");
        }
    }

    private List<SdtNote> readSdtNotes() {
        List<SdtNote> notes = new ArrayList<>();
        Optional<Section> section = section(".note.stapsdt");
        if (section.isEmpty()) {
            return notes;
        }
        long base = section(".stapsdt.base").map(Section::address).orElse(0L);
        int at = at(section.get().offset());
        int end = at(section.get().offset() + section.get().size());
        while (at + 12 <= end) {
            long nameSize = Integer.toUnsignedLong(data.getInt(at));
            long descSize = Integer.toUnsignedLong(data.getInt(at + 4));
            int type = data.getInt(at + 8);
            int name = at + 12;
            if (nameSize > end - name || descSize > end - name - align4(nameSize)) {
                throw new IllegalArgumentException("malformed ELF file: an SDT note's sizes run past its section");
            }
            int desc = name + (int) align4(nameSize);
            if (type == 3 && string(name).equals("stapsdt")) {
                long pc = data.getLong(desc);
                long noteBase = data.getLong(desc + 8);
                long semaphore = data.getLong(desc + 16);
                int text = desc + 24;
                String provider = string(text);
                text += provider.getBytes(StandardCharsets.UTF_8).length + 1;
                String probe = string(text);
                text += probe.getBytes(StandardCharsets.UTF_8).length + 1;
                String arguments = text < desc + descSize ? string(text) : "";
                // prelink may have moved the object: the note's base says where it thought it was
                long shift = base != 0 ? base - noteBase : 0;
                notes.add(new SdtNote(provider, probe, pc + shift, semaphore == 0 ? 0 : semaphore + shift, arguments));
            }
            at = desc + (int) align4(descSize); // sizes checked above: always forward, never past the end
        }
        return notes;
    }

    /** The usdt4j catalogue the glue embeds, if this library has one. */
    public Optional<String> catalogue() {
        return section(".usdt4j.catalogue").map(s -> {
            if (s.offset() < 0 || s.size() < 0 || s.size() > data.limit() - s.offset()) {
                throw new IllegalArgumentException("malformed ELF file: its catalogue section runs past its end");
            }
            byte[] bytes = new byte[(int) s.size()];
            data.get((int) s.offset(), bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int nul = text.indexOf('\0');
            return nul >= 0 ? text.substring(0, nul) : text;
        });
    }

    /**
     * The name of the function whose code holds {@code address} (a link-time address, such as
     * a note's pc), from {@code .symtab} or else {@code .dynsym}; empty when no symbol covers it.
     */
    public Optional<String> functionContaining(long address) {
        if (functions == null) {
            try {
                functions = readFunctions();
            } catch (IndexOutOfBoundsException | ArithmeticException malformed) {
                functions = List.of(); // a symbol table pointing outside the file names no function
            }
        }
        int low = 0;
        int high = functions.size() - 1;
        while (low <= high) { // the last function that starts at or before the address
            int middle = (low + high) >>> 1;
            if (functions.get(middle).start() <= address) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        for (int i = high; i >= 0 && i > high - 8; i--) { // nested or zero-sized neighbours
            Function f = functions.get(i);
            if (address >= f.start() && address < f.start() + f.size()) {
                try {
                    return Optional.of(string(f.name()));
                } catch (IndexOutOfBoundsException malformed) {
                    return Optional.empty(); // a name outside the file names nothing
                }
            }
        }
        return Optional.empty();
    }

    private record Function(long start, long size, int name) {}

    private List<Function> functions;

    /** Every STT_FUNC symbol, sorted by address: read once, so that many lookups cost a search each. */
    private List<Function> readFunctions() {
        for (String table : List.of(".symtab", ".dynsym")) {
            Optional<Section> symbols = section(table);
            Optional<Section> names = section(table.equals(".symtab") ? ".strtab" : ".dynstr");
            if (symbols.isEmpty() || names.isEmpty()) {
                continue;
            }
            List<Function> found = new ArrayList<>();
            long end = symbols.get().offset() + symbols.get().size();
            for (long at = symbols.get().offset(); at + 24 <= end; at += 24) {
                int info = data.get((int) at + 4);
                long size = data.getLong((int) at + 16);
                if ((info & 0xf) == 2 && size > 0) { // STT_FUNC
                    found.add(new Function(data.getLong((int) at + 8), size,
                            (int) (names.get().offset() + Integer.toUnsignedLong(data.getInt((int) at)))));
                }
            }
            found.sort(java.util.Comparator.comparingLong(Function::start));
            return found;
        }
        return List.of();
    }

    private Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private String string(int offset) {
        offset = at(offset);
        int end = offset;
        while (end < data.limit() && data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        data.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long align4(long size) {
        return (size + 3) & ~3L;
    }

    /** A file offset as a buffer index; one outside the file is an {@link IndexOutOfBoundsException}. */
    private int at(long offset) {
        if (offset < 0 || offset > data.limit()) {
            throw new IndexOutOfBoundsException("offset " + offset);
        }
        return (int) offset;
    }
}
