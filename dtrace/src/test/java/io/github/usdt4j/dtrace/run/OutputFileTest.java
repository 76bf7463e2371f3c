package io.github.usdt4j.dtrace.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -o in a directory others share: no planted link followed, no other user's file appended to, no FIFO waited on. */
class OutputFileTest {
    @Test
    void aNewFileIsCreatedAndAnOwnFileAppendedTo(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("trace.out");
        for (String text : new String[] {"one\n", "two\n"}) {
            try (OutputStream stream = OutputFile.openForAppend(out)) {
                stream.write(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals("one\ntwo\n", Files.readString(out));
    }

    @Test
    void aPlantedLinkIsNotFollowed(@TempDir Path temp) throws Exception {
        Path secret = Files.writeString(temp.resolve("root-only"), "secret\n");
        Path link = Files.createSymbolicLink(temp.resolve("trace.out"), secret);
        OutputFile.Refused refused = assertThrows(OutputFile.Refused.class, () -> OutputFile.openForAppend(link));
        assertEquals("it is a symbolic link", refused.getMessage());
        assertEquals("secret\n", Files.readString(secret));
    }

    @Test
    void aFifoIsRefusedWithoutWaiting(@TempDir Path temp) throws Exception {
        Path fifo = temp.resolve("trace.out");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        OutputFile.Refused refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(OutputFile.Refused.class, () -> OutputFile.openForAppend(fifo)));
        assertEquals("it is not a regular file", refused.getMessage());
    }

    @Test
    void anotherUsersFileIsNotAppendedTo(@TempDir Path temp) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "giving a file away needs root");
        Path hers = Files.writeString(temp.resolve("trace.out"), "hers\n");
        Files.setAttribute(hers, "unix:uid", 65534);
        OutputFile.Refused refused = assertThrows(OutputFile.Refused.class, () -> OutputFile.openForAppend(hers));
        assertEquals("it belongs to another user (uid 65534)", refused.getMessage());
        assertEquals("hers\n", Files.readString(hers));
    }

    @Test
    void aDirectoryOthersCanWriteWithoutTheStickyBitIsRefused(@TempDir Path temp) throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 0777);
        OutputFile.Refused refused = assertThrows(OutputFile.Refused.class, () -> OutputFile.openForAppend(shared.resolve("out")));
        assertTrue(refused.getMessage().endsWith("can be written by other users and is not sticky, who could put a link"
                + " or a FIFO under its name"), refused.getMessage());
        Files.setAttribute(shared, "unix:mode", 01777); // as /tmp
        try (OutputStream stream = OutputFile.openForAppend(shared.resolve("out"))) {
            stream.write('x');
        }
    }
}
