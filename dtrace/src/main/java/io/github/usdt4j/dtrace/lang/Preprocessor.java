package io.github.usdt4j.dtrace.lang;

import java.io.IOException;
import io.github.usdt4j.dtrace.output.ByteText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dtrace -C: the script through the C preprocessor, as dtrace runs it through cpp. The
 * preprocessor's line markers ({@code # 12 "x.d"}) stay in the text, so the lexer reports
 * errors at the script's own lines.
 */
public final class Preprocessor {
    private Preprocessor() {}

    /** Thrown when cpp is missing or rejects the script; the message is cpp's own. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /**
     * {@code source} preprocessed with {@code definitions} ({@code -D name[=value]}),
     * {@code undefinitions} ({@code -U name}) and {@code includes} ({@code -I dir}).
     */
    public static String run(String source, String name, List<String> definitions, List<String> undefinitions,
            List<String> includes) throws Failure {
        String cpp = io.github.usdt4j.dtrace.run.Tools.find("cpp");
        if (cpp == null) {
            throw new Failure("failed to run cpp (the C preprocessor -C needs: apt-get install cpp):"
                    + " no cpp belonging to root in the system's directories");
        }
        List<String> command = new ArrayList<>(List.of(cpp, "-x", "c", "-D__SUNW_D=1", "-D__SUNW_D_64"));
        definitions.forEach(d -> command.add("-D" + d));
        undefinitions.forEach(u -> command.add("-U" + u));
        includes.forEach(i -> command.add("-I" + i));
        command.add("-");
        // #! is the kernel's, not cpp's: an empty line in its place keeps the numbering
        String text = source.startsWith("#!") ? source.substring(Math.max(0, source.indexOf('\n'))) : source;
        Process preprocessor;
        try {
            preprocessor = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new Failure("failed to run cpp (the C preprocessor -C needs: apt-get install cpp): " + e.getMessage());
        }
        try {
            Thread writer = new Thread(() -> {
                try (var in = preprocessor.getOutputStream()) {
                    in.write(("# 1 \"" + name + "\"\n" + text).getBytes(ByteText.CHARSET)); // byte text in, byte text out
                } catch (IOException e) {
                    // cpp ended early: its status says why
                }
            });
            writer.start();
            StringBuilder errors = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    errors.append(new String(preprocessor.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // cpp ended
                }
            });
            reader.start();
            String output = new String(preprocessor.getInputStream().readAllBytes(), ByteText.CHARSET);
            boolean ended = preprocessor.waitFor(60, TimeUnit.SECONDS);
            writer.join();
            reader.join();
            if (!ended || preprocessor.exitValue() != 0) {
                throw new Failure(errors.toString().strip().replace("<stdin>", name));
            }
            return output;
        } catch (IOException e) {
            throw new Failure("cpp failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while cpp ran");
        } finally {
            preprocessor.destroy();
        }
    }
}
