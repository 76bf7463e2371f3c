package io.github.usdt4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on the example server ({@code ExampleApp}, another JVM), as fast as it answers: one client
 * thread sends {@code GET /items/N} on keep-alive connections and waits for each response.
 * Prints, every 100 ms, {@code window EPOCH_MILLIS ANSWERED}: the requests answered in that
 * window, stamped with the wall clock so that attach-dip-server.sh can place its tracer's attach
 * and detach among them.
 *
 * <pre>java -cp benchmarks.jar io.github.usdt4j.benchmarks.ServerLoad PORT SECONDS</pre>
 */
public final class ServerLoad {
    private ServerLoad() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long end = System.currentTimeMillis() + Long.parseLong(args[1]) * 1000;
        AtomicLong answered = new AtomicLong();
        Thread client = new Thread(() -> drive(new InetSocketAddress("127.0.0.1", port), answered, end), "load");
        client.setDaemon(true);
        client.start();
        long counted = 0;
        for (long window = System.currentTimeMillis() + 100; window < end; window += 100) {
            Thread.sleep(Math.max(0, window - System.currentTimeMillis()));
            long total = answered.get();
            System.out.println("window " + window + " " + (total - counted));
            counted = total;
        }
    }

    private static void drive(InetSocketAddress server, AtomicLong answered, long end) {
        byte[] buffer = new byte[4096];
        long sent = 0;
        while (System.currentTimeMillis() < end) {
            try (Socket socket = new Socket()) {
                socket.connect(server, 1000);
                socket.setSoTimeout(2000);
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                for (int i = 0; i < 1000; i++) {
                    String request = "GET /items/" + (sent++ % 7) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
                    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    readResponse(in, buffer);
                    answered.incrementAndGet();
                }
            } catch (IOException e) {
                System.err.println("load: " + e.getMessage());
            }
        }
    }

    /** Reads one response: its head, then as many bytes as its Content-Length says. */
    private static void readResponse(InputStream in, byte[] buffer) throws IOException {
        int total = 0;
        int headEnd = -1;
        int length = 0;
        while (headEnd < 0 || total < headEnd + length) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            total += n;
            if (headEnd < 0) {
                String text = new String(buffer, 0, total, StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    headEnd = end + 4;
                    int at = text.indexOf("Content-Length: ");
                    length = Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)).trim());
                }
            }
        }
    }
}
