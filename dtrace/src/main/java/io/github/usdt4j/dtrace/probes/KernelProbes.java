package io.github.usdt4j.dtrace.probes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * The probes of DTrace's kernel providers that a Linux tracepoint means the same as: {@code
 * syscall::NAME:entry} and {@code :return} (syscalls:sys_enter_NAME and sys_exit_NAME),
 * and {@code proc:::exec-success}, {@code proc:::exit} and {@code proc:::create}
 * (sched:sched_process_exec, _exit and _fork). The others (fbt, sched, io…) have no
 * counterpart here.
 */
public final class KernelProbes {
    /** The kernel providers traced here, and what of them. */
    public static final List<String> PROVIDERS = List.of("syscall", "proc");
    public static final String TRACED = "syscall entry and return, and proc exec-success, exit and create";

    /** proc's probes: the tracepoint, and what each argument is. */
    private static final Map<String, ProbeSite.Tracepoint> PROC = Map.of(
            "exec-success", new ProbeSite.Tracepoint("sched", "sched_process_exec", List.of(), null),
            // a process exits when its first thread (the group leader) does; other threads' exits fire too
            "exit", new ProbeSite.Tracepoint("sched", "sched_process_exit", List.of(), "args->pid == pid"),
            "create", new ProbeSite.Tracepoint("sched", "sched_process_fork", List.of("args->child_pid"), null));

    private final Path events;

    KernelProbes(Path events) {
        this.events = events;
    }

    /** The events directory of the mounted tracefs, or null when none is. */
    static Path mountedEvents() {
        for (String root : List.of("/sys/kernel/tracing", "/sys/kernel/debug/tracing")) {
            Path events = Path.of(root, "events");
            if (Files.isDirectory(events.resolve("syscalls")) || Files.isDirectory(events.resolve("sched"))) {
                return events;
            }
        }
        return null;
    }

    /** The kernel probes {@code description} matches, new ones numbered by {@code ids}. */
    List<ProbeSite> match(ProbeDescription description, Map<String, ProbeSite> made, ToIntFunction<String> ids) {
        List<ProbeSite> matched = new ArrayList<>();
        if (events == null || !Glob.matches(description.module(), "")) { // kernel probes have no module here
            return matched;
        }
        if (Glob.matches(description.provider(), "syscall")) {
            for (String call : syscalls()) {
                for (String name : List.of("entry", "return")) {
                    if (Glob.matches(description.function(), call) && Glob.matches(description.name(), name)) {
                        matched.add(made.computeIfAbsent("syscall::" + call + ":" + name, k -> syscall(call, name, ids)));
                    }
                }
            }
        }
        if (Glob.matches(description.provider(), "proc") && Glob.matches(description.function(), "")) {
            for (Map.Entry<String, ProbeSite.Tracepoint> probe : new java.util.TreeMap<>(PROC).entrySet()) {
                if (Glob.matches(description.name(), probe.getKey())
                        && Files.isDirectory(events.resolve(probe.getValue().category()).resolve(probe.getValue().event()))) {
                    matched.add(made.computeIfAbsent("proc:::" + probe.getKey(), k -> new ProbeSite(ids.applyAsInt(k),
                            ProbeSite.Kind.TRACEPOINT, "proc", "", "", probe.getKey(), null, probe.getValue())));
                }
            }
        }
        return matched;
    }

    private ProbeSite syscall(String call, String name, ToIntFunction<String> ids) {
        boolean entry = name.equals("entry");
        String event = (entry ? "sys_enter_" : "sys_exit_") + call;
        // DTrace's entry arguments are the call's; its return has the result in arg0 and arg1
        List<String> arguments = entry ? fields(events.resolve("syscalls").resolve(event).resolve("format"))
                : List.of("args->ret", "args->ret");
        return new ProbeSite(ids.applyAsInt("syscall::" + call + ":" + name), ProbeSite.Kind.TRACEPOINT, "syscall", "", call, name, null,
                new ProbeSite.Tracepoint("syscalls", event, arguments, null));
    }

    /** The system calls with both tracepoints, by name. */
    private List<String> syscalls() {
        TreeSet<String> calls = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(events.resolve("syscalls"), "sys_enter_*")) {
            for (Path entry : entries) {
                String call = entry.getFileName().toString().substring("sys_enter_".length());
                if (Files.isDirectory(events.resolve("syscalls").resolve("sys_exit_" + call))) {
                    calls.add(call);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return new ArrayList<>(calls);
    }

    /** A sys_enter tracepoint's arguments, {@code args->NAME} in order, from its format file. */
    static List<String> fields(Path format) {
        List<String> fields = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(format)) {
                String trimmed = line.trim();
                if (!trimmed.startsWith("field:")) {
                    continue;
                }
                String declaration = trimmed.substring("field:".length(), trimmed.indexOf(';'));
                String field = declaration.substring(declaration.lastIndexOf(' ') + 1).replaceAll("\\[.*", "");
                if (!field.startsWith("common_") && !field.equals("__syscall_nr")) {
                    fields.add("args->" + field);
                }
            }
        } catch (IOException | RuntimeException e) {
            return fields;
        }
        return fields;
    }
}
