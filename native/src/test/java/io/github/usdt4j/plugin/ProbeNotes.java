package io.github.usdt4j.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A linked library's SDT notes, as {@code readelf -n} prints them. */
final class ProbeNotes {
    private static final Pattern BELOW_STACK_POINTER = Pattern.compile("-?\\d+@-\\d+\\(%rsp\\)");

    private ProbeNotes() {}

    static String of(Path library) throws Exception {
        return NativeTools.run("readelf", "-n", library.toString());
    }

    /**
     * Probe arguments the compiler left below the stack pointer (x86-64's red zone), such as
     * {@code -1@-29(%rsp)}: where a kernel that optimizes a 5-byte probe site writes.
     */
    static List<String> belowTheStackPointer(Path library) throws Exception {
        List<String> operands = new ArrayList<>();
        Matcher matcher = BELOW_STACK_POINTER.matcher(of(library));
        while (matcher.find()) {
            operands.add(matcher.group());
        }
        return operands;
    }
}
