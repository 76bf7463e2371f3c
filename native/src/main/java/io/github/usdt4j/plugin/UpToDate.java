package io.github.usdt4j.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Whether an output is newer than all its inputs, so an unchanged module is not relinked. */
final class UpToDate {
    private UpToDate() {}

    static boolean check(Path output, List<Path> inputs) {
        try {
            if (!Files.isRegularFile(output)) {
                return false;
            }
            long built = Files.getLastModifiedTime(output).toMillis();
            for (Path input : inputs) {
                if (Files.getLastModifiedTime(input).toMillis() >= built) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
