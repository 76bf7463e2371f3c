package io.github.usdt4j.tool;

import io.github.usdt4j.catalogue.Catalogue;
import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.catalogue.ProbeNames;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code java -jar usdt4j-runtime.jar list <pid | jar | classes folder>}: the usdt4j providers
 * of a running JVM, or of a build output, with every probe's D declaration, its Java
 * parameters, and, for a running JVM, how many tracers are attached to it right now. The
 * {@code dtrace -l -n 'libmtev*:::'} of Java. Reads ELF notes and {@code /proc} directly.
 */
public final class Usdt4jTool {
    private static final String USAGE = "usage: java -jar usdt4j-runtime.jar list <pid | jar | classes folder>";

    private Usdt4jTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit status (0 done, 1 failed or a library could not be read, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("list")) {
            err.println(USAGE);
            return 2;
        }
        try {
            String target = args[1];
            List<String> problems = new ArrayList<>();
            int found = target.matches("\\d+")
                    ? listProcess(Long.parseLong(target), out, problems) : listBuild(Path.of(target), out);
            if (found == 0 && problems.isEmpty()) {
                out.println("no usdt4j providers in " + target);
            }
            problems.forEach(problem -> err.println("usdt4j list: " + Printable.of(problem)));
            return problems.isEmpty() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("usdt4j list: " + Printable.of(e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        }
    }

    /**
     * The providers whose libraries process {@code pid} has mapped. A library that cannot be
     * read adds {@code PATH: reason} to {@code problems}, and the others are still listed.
     */
    static int listProcess(long pid, PrintStream out, List<String> problems) throws IOException {
        List<LibraryMappings.Mapping> libraries = LibraryMappings.ofProcess(pid);
        libraries.sort(java.util.Comparator.comparing(LibraryMappings.Mapping::path));
        int found = 0;
        for (LibraryMappings.Mapping library : libraries) {
            found += listLibrary(pid, library.path(), () -> ElfFile.read(library), library.start(),
                    "library  " + Printable.of(library.path()), out, problems);
        }
        for (LibraryMappings.Deleted library : LibraryMappings.deletedOfProcess(pid)) {
            found += listLibrary(pid, library.path(), () -> ElfFile.readMapped(library.mappedObject(), Path.of(library.path())),
                    library.start(), "library  " + Printable.of(library.path())
                    + " (deleted since it was loaded: tracers naming this path cannot reach it; -p " + pid + " can)",
                    out, problems);
        }
        return found;
    }

    private static int listLibrary(long pid, String path, ElfSource file, long start, String libraryLine, PrintStream out,
            List<String> problems) {
        try {
            ElfFile elf = file.read();
            long bias = start - elf.firstLoadAddress();
            Map<String, ElfFile.SdtNote> notes = elf.sdtNotes().stream()
                    .collect(Collectors.toMap(ElfFile.SdtNote::name, n -> n, (a, b) -> a, TreeMap::new));
            Catalogue catalogue = elf.catalogue().map(Catalogue::parse).orElseGet(() -> fromNotes(notes));
            print(catalogue, libraryLine, Long.toString(pid), out, probe -> {
                ElfFile.SdtNote note = notes.get(probe.elfName());
                // a probe without a semaphore has address 0: the bias alone would point at the ELF header
                return note == null || note.semaphore() == 0 ? "?" : semaphore(pid, bias + note.semaphore());
            });
            return 1;
        } catch (IOException | RuntimeException e) {
            problems.add(path + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            return 0;
        }
    }

    /** The providers a jar or classes folder carries. */
    static int listBuild(Path target, PrintStream out) throws IOException {
        Map<String, String> files = new TreeMap<>(); // path in the jar -> content for catalogues, "" for libraries
        if (Files.isDirectory(target)) {
            Path root = target.resolve(GeneratedLayout.RESOURCE_ROOT);
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                        String name = target.relativize(file).toString().replace('\\', '/');
                        if (name.endsWith(GeneratedLayout.CATALOGUE_SUFFIX)) {
                            files.put(name, Files.readString(file));
                        } else if (name.endsWith(".so")) {
                            files.put(name, libraryBuild(file));
                        }
                    }
                }
            }
        } else if (Files.isRegularFile(target)) {
            try (ZipFile zip = new ZipFile(target.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    if (entry.getName().endsWith(".jar") && !entry.isDirectory()) {
                        // a Spring Boot or war's library jar: BOOT-INF/lib/x.jar, WEB-INF/lib/x.jar
                        try (java.util.zip.ZipInputStream nested = new java.util.zip.ZipInputStream(zip.getInputStream(entry))) {
                            for (ZipEntry inner; (inner = nested.getNextEntry()) != null; ) {
                                addBuildFile(files, entry.getName() + "!/", inner, nested);
                            }
                        }
                    } else {
                        try (java.io.InputStream in = zip.getInputStream(entry)) {
                            addBuildFile(files, "", entry, in);
                        }
                    }
                }
            }
        } else {
            throw new IOException(target + " is neither a process id, a jar nor a folder");
        }
        int found = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!file.getKey().endsWith(GeneratedLayout.CATALOGUE_SUFFIX)) {
                continue;
            }
            String folder = file.getKey().substring(0, file.getKey().lastIndexOf('/') + 1);
            Catalogue catalogue = Catalogue.parse(file.getValue());
            List<String> platforms = new ArrayList<>();
            for (Map.Entry<String, String> library : files.entrySet()) {
                String name = library.getKey();
                if (name.startsWith(folder) && name.endsWith(".so") && name.indexOf('/', folder.length()) >= 0) {
                    String platform = name.substring(folder.length(), name.lastIndexOf('/'));
                    String build = library.getValue();
                    platforms.add(build.equals("build " + catalogue.buildId()) ? platform
                            : platform + " (" + build + ", not this provider's: its probes are no-ops there)");
                }
            }
            String libraries = platforms.isEmpty() ? "none linked (probes are no-ops)" : String.join(", ", platforms);
            int nested = folder.indexOf("!/");
            if (nested >= 0) {
                libraries += "   (in " + folder.substring(0, nested) + ")";
            }
            print(catalogue, "library  " + Printable.of(libraries), "PID", out, probe -> null);
            found++;
        }
        return found;
    }

    /** The largest library read from a jar: a usdt4j library is tens of KiB (300 probes: 270 KiB). */
    private static final int MAX_JAR_LIBRARY = 16 << 20;

    /** The largest catalogue read from a jar: a real one is a few KiB; a zip bomb is not. */
    private static final int MAX_CATALOGUE = 1 << 20;

    /**
     * Adds a jar entry under {@code META-INF/usdt4j/} (also below {@code BOOT-INF/classes/} or
     * {@code WEB-INF/classes/}) to {@code files}, keyed by its place, with a catalogue's text.
     */
    private static void addBuildFile(Map<String, String> files, String jar, ZipEntry entry, java.io.InputStream in)
            throws IOException {
        String name = entry.getName().replaceFirst("^(BOOT-INF|WEB-INF)/classes/", "");
        if (entry.isDirectory() || !name.startsWith(GeneratedLayout.RESOURCE_ROOT + "/")) {
            return;
        }
        if (name.endsWith(GeneratedLayout.CATALOGUE_SUFFIX)) {
            byte[] bytes = in.readNBytes(MAX_CATALOGUE + 1);
            if (bytes.length > MAX_CATALOGUE) {
                throw new IOException(jar + entry.getName() + ": a catalogue larger than 1 MiB is not one usdt4j wrote");
            }
            files.put(jar + name, new String(bytes, StandardCharsets.UTF_8));
        } else if (name.endsWith(".so")) {
            byte[] bytes = in.readNBytes(MAX_JAR_LIBRARY + 1);
            files.put(jar + name, bytes.length > MAX_JAR_LIBRARY ? "larger than " + (MAX_JAR_LIBRARY >> 20) + " MiB"
                    : libraryBuild(() -> new ElfFile(bytes)));
        }
    }

    private interface ElfSource {
        ElfFile read() throws IOException;
    }

    private static String libraryBuild(Path library) {
        return libraryBuild(() -> ElfFile.read(library));
    }

    /**
     * {@code build <id>} of the catalogue a library carries, which the listing compares with
     * its provider's (so a library linked from other sources is named), or what is wrong with it.
     */
    private static String libraryBuild(ElfSource source) {
        try {
            return source.read().catalogue().map(text -> "build " + Catalogue.parse(text).buildId()).orElse("no catalogue");
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Prints a provider; every field of its catalogue comes from a file, so each is shown {@link Printable}. */
    private static void print(Catalogue catalogue, String libraryLine, String pid, PrintStream out,
            java.util.function.Function<Catalogue.Probe, String> tracers) {
        String p = catalogue.provider();
        out.println("provider " + Printable.of(p) + " (" + Printable.of(catalogue.interfaceName()) + ", build "
                + Printable.of(catalogue.buildId()) + "): " + catalogue.probes().size() + " probes");
        out.println("  " + libraryLine);
        out.println("  names    bpftrace " + Printable.of(ProbeNames.bpftrace(p, "NAME")) + "   perf "
                + Printable.of(ProbeNames.perf(p, "NAME")) + "   DTrace " + Printable.of(p) + pid + ":::NAME (NAME with dashes)");
        for (Catalogue.Probe probe : catalogue.probes()) {
            String attached = tracers.apply(probe);
            out.println("  probe " + Printable.of(probe.name()) + (attached == null ? "" : "   tracers " + attached));
            out.println("    D     probe " + Printable.of(probe.dDeclaration()) + ";");
            out.println("    Java  " + Printable.of(probe.javaSignature()));
        }
    }

    /** The probe's semaphore: how many tracers are attached; "?" when the memory cannot be read. */
    private static String semaphore(long pid, long address) {
        if (address == 0) {
            return "?";
        }
        try (RandomAccessFile memory = new RandomAccessFile("/proc/" + pid + "/mem", "r")) {
            memory.seek(address);
            int low = memory.read();
            int high = memory.read();
            return low < 0 || high < 0 ? "?" : Integer.toString(low | (high << 8));
        } catch (IOException e) {
            return "?"; // reading another process's memory needs the right to trace it
        }
    }

    /** For a library without a catalogue: what its notes say. */
    private static Catalogue fromNotes(Map<String, ElfFile.SdtNote> notes) {
        String provider = notes.values().stream().map(ElfFile.SdtNote::provider).reduce((a, b) -> b).orElse("?");
        return Catalogue.ofNotes(provider, new ArrayList<>(notes.keySet()));
    }
}
