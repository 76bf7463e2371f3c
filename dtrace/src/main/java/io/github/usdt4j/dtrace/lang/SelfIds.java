package io.github.usdt4j.dtrace.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dtrace macro variables {@code $pid}, {@code $ppid}, {@code $uid}, {@code $gid},
 * {@code $pgid} and {@code $sid}: the ids of the front-end's own process, as dtrace's are its
 * own, read from {@code /proc/self}.
 */
final class SelfIds {
    private SelfIds() {}

    /** The id {@code name} names, or null for one Linux has not ({@code projid}, {@code taskid}). */
    static Long of(String name) {
        try {
            switch (name) {
                case "pid":
                    return ProcessHandle.current().pid();
                case "ppid":
                    return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
                case "uid":
                    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
                case "gid":
                    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid")).longValue();
                case "pgid":
                case "sid": {
                    // /proc/self/stat: pid (comm) state ppid pgrp session …; comm may hold spaces and parentheses
                    String stat = Files.readString(Path.of("/proc/self/stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return Long.parseLong(fields[name.equals("pgid") ? 2 : 3]);
                }
                default:
                    return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
