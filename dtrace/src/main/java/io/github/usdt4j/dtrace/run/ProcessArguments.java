package io.github.usdt4j.dtrace.run;

import io.github.usdt4j.dtrace.output.ByteText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code curpsinfo->pr_psargs} as DTrace fills it: the first 80 bytes (PRARGSZ) of the
 * process's arguments, separated by spaces, read from {@code /proc/PID/cmdline} when the
 * front-end first prints it for that process. A process that has exited by then shows
 * {@code (exited)}: its arguments are gone with it; pid 0, no process, {@code (kernel)}.
 */
final class ProcessArguments {
    /** DTrace's PRARGSZ: how much of the arguments psinfo_t holds. */
    static final int LENGTH = 80;

    private static final Map<Long, String> KNOWN = new ConcurrentHashMap<>();

    private ProcessArguments() {}

    /** The arguments of process {@code pid}, as byte text. */
    static String of(long pid) {
        return KNOWN.computeIfAbsent(pid, ProcessArguments::read);
    }

    private static String read(long pid) {
        if (pid == 0) {
            return "(kernel)"; // a probe that fired in no process: a tick in the idle loop
        }
        try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "cmdline"))) {
            byte[] bytes = in.readNBytes(LENGTH);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] == 0) {
                end--;
            }
            for (int i = 0; i < end; i++) {
                if (bytes[i] == 0) {
                    bytes[i] = ' ';
                }
            }
            return ByteText.of(java.util.Arrays.copyOf(bytes, end));
        } catch (IOException | RuntimeException e) {
            return "(exited)";
        }
    }
}
