package io.github.usdt4j.dtrace.probes;

import io.github.usdt4j.catalogue.Catalogue;
import io.github.usdt4j.catalogue.ProbeNames;
import io.github.usdt4j.dtrace.run.Tools;
import io.github.usdt4j.tool.ElfFile;
import io.github.usdt4j.tool.LibraryMappings;
import io.github.usdt4j.tool.Printable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The probes there are to trace, numbered as {@code dtrace -l} numbers them: the {@code dtrace}
 * provider's BEGIN, END and ERROR, then every USDT probe of every usdt4j library that a running
 * process maps (provider {@code libmtev1234}: the note's provider and the process id), and
 * {@code tick-N} and {@code profile-N} probes made when a description names them.
 */
public final class ProbeCatalog {

    private final List<ProbeSite> probes = new ArrayList<>();
    private final Map<String, ProbeSite> timers = new HashMap<>();
    private final Map<String, ProbeSite> kernelProbes = new HashMap<>();
    private final KernelProbes kernel;
    /** What could not be read, with the providers the file would have held (empty: said whatever the script). */
    private record Warning(List<String> providers, String text) {}

    private final List<Warning> warnings = new ArrayList<>();
    /** The ids given so far: dtrace's BEGIN, END and ERROR are 1, 2 and 3. */
    private final java.util.Set<Integer> ids = new java.util.HashSet<>(List.of(1, 2, 3));

    private ProbeCatalog(Path kernelEvents) {
        kernel = new KernelProbes(kernelEvents);
        probes.add(new ProbeSite(1, ProbeSite.Kind.BEGIN, "dtrace", "", "", "BEGIN", null));
        probes.add(new ProbeSite(2, ProbeSite.Kind.END, "dtrace", "", "", "END", null));
        probes.add(new ProbeSite(3, ProbeSite.Kind.ERROR, "dtrace", "", "", "ERROR", null));
    }

    /**
     * The probes of every process we may read: its usdt4j providers, and, when asked, the
     * JVM's own ({@code hotspot}, {@code hotspot_jni}) from its {@code libjvm.so}.
     */
    public static ProbeCatalog ofRunningProcesses(boolean withJvm) {
        ProbeCatalog catalog = new ProbeCatalog(KernelProbes.mountedEvents());
        long self = ProcessHandle.current().pid(); // this front-end is a JVM too, and not what anyone traces
        catalog.addAll(LibraryMappings.ofAllProcesses(withJvm ? LibraryMappings.USDT4J_OR_JVM : LibraryMappings.USDT4J)
                .stream().filter(m -> m.pid() != self).toList(), false);
        return catalog;
    }

    /**
     * The JVM probes of every installed JDK's {@code libjvm.so} that no process maps yet, as
     * probes of no process (pid 0): {@code hotspot*} covers JVMs that start later, whichever
     * JDK runs them, as DTrace keeps enablings for providers that appear later. Only a provider
     * glob matches them, and {@code -l} does not list them.
     */
    public void addInstalledJvms(List<Path> libraries) {
        List<LibraryMappings.Mapping> future = new ArrayList<>();
        for (Path library : libraries) {
            Path real = realPath(library);
            String key = LibraryMappings.fileKey(real);
            if (java.nio.file.Files.isRegularFile(real) && key != null && !this.libraries.containsKey(key)) {
                future.add(new LibraryMappings.Mapping(ProbeSite.NO_PROCESS, real.toString(), 0, null, key));
            }
        }
        addAll(future, false);
    }

    /**
     * Where JDKs keep {@code libjvm.so} here: Debian's {@code /usr/lib/jvm/*}, {@code JAVA_HOME},
     * and the JDK this front-end runs on.
     */
    public static List<Path> installedJvms() {
        List<Path> homes = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> jvms = java.nio.file.Files.newDirectoryStream(Path.of("/usr/lib/jvm"))) {
            jvms.forEach(homes::add);
        } catch (IOException | RuntimeException e) {
            // no such directory
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        homes.add(Path.of(System.getProperty("java.home")));
        List<Path> libraries = new ArrayList<>();
        for (Path home : homes) {
            libraries.add(home.resolve("lib/server/libjvm.so"));
        }
        return libraries;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | RuntimeException e) {
            return path;
        }
    }

    /**
     * The probes of the given mappings only, and the kernel's as the tracefs events directory
     * {@code kernelEvents} describes them (null: none). For tests.
     */
    public static ProbeCatalog of(List<LibraryMappings.Mapping> mappings, Path kernelEvents) {
        ProbeCatalog catalog = new ProbeCatalog(kernelEvents);
        catalog.addAll(mappings, false);
        return catalog;
    }

    /**
     * The usdt4j libraries already extracted in {@code directory}, as probes of process
     * {@code pid} ({@code -c}'s command, which maps them only once it runs). The runtime never
     * replaces a library and names it by its content, so the build the command runs maps
     * one of these files whenever it ran once before; probes attached to the file fire from
     * the process's first event.
     */
    public void addLibrariesIn(java.nio.file.Path directory, long pid) {
        if (!java.nio.file.Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return; // nothing extracted yet
        }
        String refusal = io.github.usdt4j.tool.Extraction.refusal(directory);
        if (refusal != null) {
            // the runtime would not use it, so a library there is no build's: someone else planted it
            warnings.add(new Warning(List.of(), Printable.of(refusal) + ": its libraries are not read"));
            return;
        }
        List<LibraryMappings.Mapping> mappings = new ArrayList<>();
        // A library loaded by a second class loader has a second name (a hard link): the same
        // file, whose probes must be attached once, or every event would count twice.
        java.util.Set<Object> inodes = new java.util.HashSet<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(directory)) {
            // sorted so that a library's first name comes before its second ones (….so, ….1.so)
            java.util.Comparator<java.nio.file.Path> firstNamesFirst = java.util.Comparator.comparing(
                    f -> f.toString().replaceAll("\\.(\\d+)\\.so$", ".so\u0001$1"));
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files.sorted(firstNamesFirst)::iterator) {
                String key = LibraryMappings.fileKey(f);
                if (LibraryMappings.USDT4J.test(f.toString()) && key != null && inodes.add(key)) {
                    mappings.add(new LibraryMappings.Mapping(pid, f.toString(), 0, null, key));
                }
            }
        } catch (IOException | RuntimeException e) {
            return; // no such directory: nothing extracted yet
        }
        addAll(mappings, false);
    }

    /** Providers that are not USDT: whose names never lead to reading other software's libraries. */
    private static final java.util.Set<String> NOT_USDT = java.util.Set.of("dtrace", "profile", "syscall", "proc");

    /**
     * The USDT providers of other software a process maps (libc's, PostgreSQL's, Python's…),
     * read when {@code description} names a provider no probe of the catalogue has: of the
     * process its provider names ({@code libc1234}), else of every process ({@code libc*}).
     * Only ELF files with probe notes count; their arguments have no types, as DTrace shows
     * a provider without a translator. An empty or bare {@code *} provider reads nothing:
     * that would read every file every process maps.
     */
    public void addOtherProviders(ProbeDescription description) {
        String provider = description.provider();
        if (provider.isEmpty() || provider.equals("*") || NOT_USDT.contains(provider)) {
            return;
        }
        for (ProbeSite probe : probes) {
            if (probe.usdt() != null && !probe.isFuture() && Glob.matches(provider, probe.provider())) {
                return; // a usdt4j provider or the JVM's: already read
            }
        }
        Matcher named = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*?(\\d+)").matcher(provider);
        long self = ProcessHandle.current().pid();
        java.util.function.Predicate<String> files = path -> path.startsWith("/") && !path.endsWith(" (deleted)")
                && !LibraryMappings.USDT4J_OR_JVM.test(path);
        List<LibraryMappings.Mapping> mappings;
        if (named.matches()) {
            try {
                mappings = LibraryMappings.ofProcess(Long.parseLong(named.group(1)), files);
            } catch (IOException | RuntimeException e) {
                return; // no such process: the description matches nothing, as dtrace says
            }
        } else {
            mappings = LibraryMappings.ofAllProcesses(files);
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        for (ProbeSite probe : probes) {
            if (probe.usdt() != null) {
                known.add(probe.usdt().pid() + ":" + probe.usdt().library());
            }
        }
        addAll(mappings.stream().filter(m -> m.pid() != self && !known.contains(m.pid() + ":" + m.path()))
                .filter(this::hasProbeNotes).toList(), true);
    }

    /**
     * Whether the file {@code mapping} maps is an ELF file with USDT notes. Other software's
     * files are read quietly: what is wrong with them is not ours to complain about. Each file
     * is read once, however many processes and paths reach it.
     */
    private boolean hasProbeNotes(LibraryMappings.Mapping mapping) {
        return libraries.computeIfAbsent(key(mapping), k -> read(mapping, true))
                .map(library -> !library.notes().isEmpty()).orElse(false);
    }

    /** {@code -c}'s program, when it has USDT probes of its own (python3 has): as process {@code pid} will map it. */
    public void addProgram(Path program, long pid) {
        LibraryMappings.Mapping mapping = new LibraryMappings.Mapping(pid, program.toString(), 0, null,
                LibraryMappings.fileKey(program));
        if (!LibraryMappings.USDT4J_OR_JVM.test(program.toString()) && hasProbeNotes(mapping)) {
            addAll(List.of(mapping), true);
        }
    }

    /** One library, as process {@code pid} will map it ({@code -c}'s JVM and its libjvm.so). */
    public void addLibrary(java.nio.file.Path library, long pid) {
        addAll(List.of(new LibraryMappings.Mapping(pid, library.toString(), 0, null, LibraryMappings.fileKey(library))), false);
    }

    /** A library file gone from under process {@code pid} (or {@link ProbeSite#NO_PROCESS}: an installed JVM's). */
    public record RemovedLibrary(long pid, String path) {}

    /**
     * Leaves out the probes whose library file is gone since the catalogue was made (a JVM whose
     * temporary library directory was cleaned away as it ended): bpftrace refuses a program
     * that names a missing file. Returns the libraries left out, each once per process.
     */
    public List<RemovedLibrary> leaveOutRemovedLibraries() {
        java.util.Set<RemovedLibrary> removed = new java.util.LinkedHashSet<>();
        // A process that ended takes its /proc/PID/map_files with it; another that maps the same file still has one.
        for (List<String> candidates : attachPaths.values()) {
            candidates.removeIf(path -> !java.nio.file.Files.exists(Path.of(path)));
        }
        probes.replaceAll(probe -> {
            ProbeSite.Usdt usdt = probe.usdt();
            if (usdt == null || java.nio.file.Files.exists(Path.of(usdt.attachPath()))) {
                return probe;
            }
            List<String> candidates = attachPaths.getOrDefault(attachKeys.get(usdt.attachPath()), List.of());
            if (candidates.isEmpty()) {
                removed.add(new RemovedLibrary(usdt.pid(), usdt.library()));
                return null;
            }
            return new ProbeSite(probe.id(), probe.kind(), probe.provider(), probe.module(), probe.function(), probe.name(),
                    new ProbeSite.Usdt(usdt.pid(), usdt.library(), candidates.get(0), usdt.providerName(), usdt.elfName(),
                            usdt.operands(), usdt.oneLayout(), usdt.argumentTypes()));
        });
        probes.removeIf(java.util.Objects::isNull);
        return new ArrayList<>(removed);
    }

    /** Libraries that could not be read, each {@code PATH: reason}. */
    public List<String> warnings() {
        return warnings.stream().map(Warning::text).toList();
    }

    /**
     * The warnings about files that {@code descriptions} could have traced: one whose provider
     * no description can name (a BEGIN-only script, another provider's) is nobody's business
     * here. With no descriptions (-l alone, which lists every provider), all of them.
     */
    public List<String> warningsFor(List<ProbeDescription> descriptions) {
        return warnings.stream().filter(w -> w.providers().isEmpty() || descriptions.isEmpty()
                || descriptions.stream().anyMatch(d -> w.providers().stream().anyMatch(p -> couldName(d, p))))
                .map(Warning::text).toList();
    }

    /**
     * Whether {@code description} could name {@code provider}, a provider as dtrace shows it
     * ({@code libmtev4242}, or {@code hotspot} for a JVM no process runs yet).
     */
    static boolean couldName(ProbeDescription description, String provider) {
        String pattern = description.provider();
        if (pattern.isEmpty()) {
            return !DTRACE_PROBES.matcher(description.name()).matches(); // BEGIN, tick-1s: as scripts mean them
        }
        return Glob.matches(pattern, provider);
    }

    private static final java.util.regex.Pattern DTRACE_PROBES = java.util.regex.Pattern.compile(
            "BEGIN|END|ERROR|(tick|profile)-\\d+[a-z]*");

    /**
     * The providers a file would hold, as dtrace would show them in the mapping's process, read
     * from its name: a usdt4j library's one, libjvm.so's three; else none known.
     */
    private static List<String> providerOf(LibraryMappings.Mapping mapping) {
        List<String> names = LibraryMappings.USDT4J.test(mapping.path())
                ? List.of(io.github.usdt4j.catalogue.GeneratedLayout.providerOfLibrary(mapping.path()))
                : mapping.path().endsWith("/libjvm.so") ? List.of("hotspot", "hotspot_jni", "hs_private") : List.of();
        String pid = mapping.pid() == ProbeSite.NO_PROCESS ? "" : Long.toString(mapping.pid());
        return names.stream().map(name -> name + pid).toList();
    }

    public List<ProbeSite> all() {
        return probes;
    }

    /** The probes a description matches, timers made on demand. */
    public List<ProbeSite> match(ProbeDescription description) {
        List<ProbeSite> matched = new ArrayList<>();
        for (ProbeSite probe : probes) {
            if (description.matches(probe)) {
                matched.add(probe);
            }
        }
        matched.addAll(kernel.match(description, kernelProbes, this::idOf));
        Matcher timer = ProbeSite.TIMER.matcher(description.name());
        if (timer.matches() && Glob.matches(description.provider(), "profile") && description.module().isEmpty()
                && description.function().isEmpty()) {
            matched.add(timers.computeIfAbsent(description.name(), name -> {
                ProbeSite made = new ProbeSite(idOf("profile:::" + name), timer.group(1).equals("tick") ? ProbeSite.Kind.TICK
                        : ProbeSite.Kind.PROFILE, "profile", "", "", name, null);
                probes.add(made);
                return made;
            }));
        }
        return matched;
    }

    /** The ids probes are numbered within: what {@code dtrace -l}'s five columns hold, above dtrace's 1 to 3. */
    static final int ID_RANGE = 90_000;

    /**
     * The id of the probe {@code provider:module:function:name}: derived from the probe, so the
     * same probe has the same id in every run (they were numbered in the order the catalogue
     * found them, which the processes running decided). Two probes whose ids would clash take
     * the next free one, in the catalogue's order.
     */
    private int idOf(String probe) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(probe.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int id = 4 + (int) (crc.getValue() % ID_RANGE);
        while (!ids.add(id)) {
            id = id + 1 >= 4 + ID_RANGE ? 4 : id + 1;
        }
        return id;
    }

    /** Libraries read so far, by {@link #key}: each file is read once however many processes and paths reach it. */
    private final Map<String, Optional<Library>> libraries = new HashMap<>();
    /** The paths a tracer may attach to each file by, by {@link #key}: the first that still exists is used. */
    private final Map<String, List<String>> attachPaths = new HashMap<>();
    /** The key of the file each attach path reaches, for every path ever a candidate. */
    private final Map<String, String> attachKeys = new HashMap<>();

    /**
     * The most files one run reads: each costs a few reads, but a user can map tens of thousands
     * of files named like libraries, and every run reads what every process maps.
     */
    static final int MAX_FILES = 4096;
    private int filesRead;

    /** The file a mapping names: its device and inode when known, else its path. */
    private static String key(LibraryMappings.Mapping mapping) {
        return mapping.fileKey() != null ? mapping.fileKey() : "path " + mapping.path();
    }

    private void addAll(List<LibraryMappings.Mapping> mappings, boolean quiet) {
        for (LibraryMappings.Mapping mapping : mappings) {
            String key = key(mapping);
            Optional<Library> library = libraries.computeIfAbsent(key, k -> read(mapping, quiet));
            if (library.isEmpty()) {
                continue;
            }
            String attach = attachPath(mapping);
            if (!TracerText.isPath(attach)) {
                warnings.add(new Warning(providerOf(mapping), Printable.of(mapping.path())
                        + ": its path holds characters a tracer's program cannot; its probes are not traced"));
                continue;
            }
            List<String> candidates = attachPaths.computeIfAbsent(key, k -> new ArrayList<>());
            if (!candidates.contains(attach)) {
                candidates.add(attach);
                attachKeys.put(attach, key);
            }
            String attachPath = candidates.get(0);
            String module = Path.of(mapping.path()).getFileName().toString();
            // A probe may have several sites (libjvm's have): one probe, as DTrace lists it.
            Map<String, List<ElfFile.SdtNote>> sites = new java.util.LinkedHashMap<>();
            for (ElfFile.SdtNote note : library.get().notes()) {
                sites.computeIfAbsent(note.provider() + ":" + note.name(), k -> new ArrayList<>()).add(note);
            }
            for (List<ElfFile.SdtNote> notes : sites.values()) {
                ElfFile.SdtNote note = notes.get(0);
                Optional<Catalogue.Probe> described = library.get().catalogue().flatMap(c -> c.probes().stream()
                        .filter(p -> p.elfName().equals(note.name())).findFirst());
                List<String> types = described.map(p -> p.arguments().stream().map(Catalogue.Argument::dType).toList())
                        .orElse(List.of());
                boolean sameOperands = notes.stream().allMatch(n -> n.arguments().equals(note.arguments()));
                List<String> operands = note.operands();
                String name = ProbeNames.probeName(note.name());
                String function = library.get().elf().functionContaining(note.pc()).orElse("");
                String provider = mapping.pid() == ProbeSite.NO_PROCESS ? note.provider() : note.provider() + mapping.pid();
                probes.add(new ProbeSite(idOf(provider + ":" + module + ":" + function + ":" + name), ProbeSite.Kind.USDT,
                        provider, module, function,
                        name, new ProbeSite.Usdt(mapping.pid(), mapping.path(), attachPath, note.provider(), note.name(),
                                operands, sameOperands, types)));
            }
        }
    }

    /**
     * The path the tracer attaches to a mapped library by. Its own path when no one but root
     * and us can change what that path is ({@link Tools#isTrusted}) and it still leads to the
     * mapped file: an installed JDK's libjvm.so, our own JVMs' libraries, so that a program
     * printed with -S runs on other hosts with the same files. Otherwise the mapped file itself,
     * {@code /proc/PID/map_files/…}: another user's library, whose path she could swap for a
     * FIFO or name with a clause of her own, and a container's, whose path means another file
     * here. A library no process maps yet is attached by the path we chose for it.
     */
    private static String attachPath(LibraryMappings.Mapping mapping) {
        if (mapping.object() == null) {
            return mapping.path();
        }
        try {
            Path shown = Path.of(mapping.path());
            if (TracerText.isPath(mapping.path()) && mapping.fileKey().equals(LibraryMappings.fileKey(shown))
                    && Tools.isTrusted(shown, true)) {
                return mapping.path();
            }
        } catch (RuntimeException e) {
            // not a path here (a NUL in it): the mapped file, then
        }
        return mapping.object().toString();
    }

    /**
     * Reads the file a mapping names, through the mapping when a process maps it. A file whose
     * notes name a provider or probe that is not a D name is refused whole, with one warning:
     * such a name could not reach a program as itself. A catalogue that gives a probe another
     * name than its note's is ignored: the note is what tracers see.
     */
    private Optional<Library> read(LibraryMappings.Mapping mapping, boolean quiet) {
        String path = Printable.of(mapping.path());
        if (filesRead == MAX_FILES) {
            warnings.add(new Warning(List.of(), "more than " + MAX_FILES + " libraries are mapped; the others are not read"));
        }
        if (++filesRead > MAX_FILES) {
            return Optional.empty();
        }
        try {
            ElfFile elf = ElfFile.read(mapping);
            List<ElfFile.SdtNote> notes = elf.sdtNotes();
            for (ElfFile.SdtNote note : notes) {
                if (!TracerText.isName(note.provider()) || !TracerText.isName(note.name())) {
                    if (!quiet) {
                        warnings.add(new Warning(providerOf(mapping), path + ": a probe note names provider \""
                                + Printable.of(note.provider()) + "\" probe \"" + Printable.of(note.name())
                                + "\", which are not D names; its probes are not traced"));
                    }
                    return Optional.empty();
                }
            }
            Optional<Catalogue> catalogue = elf.catalogue().map(Catalogue::parse);
            if (catalogue.isPresent() && catalogue.get().probes().stream()
                    .anyMatch(p -> !p.name().equals(ProbeNames.probeName(p.elfName())))) {
                if (!quiet) {
                    warnings.add(new Warning(providerOf(mapping), path + ": its catalogue names probes otherwise than its notes;"
                            + " it is ignored"));
                }
                catalogue = Optional.empty();
            }
            return Optional.of(new Library(elf, notes, catalogue));
        } catch (ElfFile.Gone gone) {
            return Optional.empty(); // the process ended as we looked: as dtrace, go on without it
        } catch (IOException | RuntimeException e) {
            if (!quiet) {
                warnings.add(new Warning(providerOf(mapping),
                        path + ": " + Printable.of(e.getMessage() != null ? e.getMessage() : e.toString())));
            }
            return Optional.empty();
        }
    }

    private record Library(ElfFile elf, List<ElfFile.SdtNote> notes, Optional<Catalogue> catalogue) {}
}
