package io.github.usdt4j.examples;

import io.github.usdt4j.ProviderStatus;
import io.github.usdt4j.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The example: an HTTP event loop on loopback that fires libmtev's probes, a load generator
 * that keeps it busy, and reverse connections.
 *
 * <pre>
 * java … ExampleApp [--seconds N] [--rate REQUESTS_PER_SECOND] [--port P] [--wait-for-tracer true]
 *                    [--stats SECONDS]
 * </pre>
 *
 * It prints its pid and the library tracers should name, then serves for {@code --seconds}
 * (default 30; 0 runs until killed). {@code --wait-for-tracer true} holds the load until a
 * tracer is attached to http-request-start; {@code --stats N} prints the requests, heap and
 * resident set size every N seconds (the soak test reads them).
 */
public final class ExampleApp {
    private ExampleApp() {}

    public static void main(String[] args) throws Exception {
        int seconds = 30;
        int rate = 50;
        int port = 0;
        boolean waitForTracer = false;
        int statsSeconds = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds":
                    seconds = Integer.parseInt(args[i + 1]);
                    break;
                case "--rate":
                    rate = Integer.parseInt(args[i + 1]);
                    break;
                case "--port":
                    port = Integer.parseInt(args[i + 1]);
                    break;
                case "--wait-for-tracer":
                    waitForTracer = Boolean.parseBoolean(args[i + 1]);
                    break;
                case "--stats":
                    statsSeconds = Integer.parseInt(args[i + 1]);
                    break;
                default:
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
            }
        }
        ProviderStatus status = Providers.status(Libmtev.class);
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.println("provider libmtev: " + (status.active() ? "active, library " + status.library().orElseThrow()
                : "no-op, " + status.reason()));

        try (EventLoopServer server = new EventLoopServer(port)) {
            System.out.println("serving on 127.0.0.1:" + server.port());
            System.out.flush();
            Thread loop = new Thread(() -> {
                try {
                    server.run();
                } catch (IOException e) {
                    Log.log("error", "event loop stopped: " + e);
                }
            }, "eventer");
            loop.setDaemon(true);
            loop.start();
            if (waitForTracer) {
                while (!EventLoopServer.PROBES.httpRequestStartEnabled()) {
                    Thread.sleep(10);
                }
            }
            if (statsSeconds > 0) {
                Stats.every(statsSeconds, server::requestsStarted);
            }
            drive(server.port(), rate, seconds);
            Thread.sleep(200); // let the loop answer the last request
            System.out.println("http-request-start fired " + server.requestsStarted());
            Stats.print(server::requestsStarted);
        }
    }

    /** Sends up to {@code rate} requests a second on keep-alive connections; reverse connections beside. */
    private static void drive(int port, int rate, int seconds) throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        ReverseConnector reverse = new ReverseConnector("noit/reverse/1", address);
        ReverseConnector refused = new ReverseConnector("noit/reverse/2", new InetSocketAddress("127.0.0.1", 1));
        long end = seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long pause = Math.max(1, 1000 / Math.max(1, rate));
        long sent = 0;
        Thread reverseLoop = new Thread(() -> {
            try {
                while (System.nanoTime() < end) {
                    reverse.connectOnce();
                    refused.connectOnce();
                    reverse.connectTlsOnce();
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reverse");
        reverseLoop.setDaemon(true);
        reverseLoop.start();
        while (System.nanoTime() < end) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 1000);
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                for (int i = 0; i < 20 && System.nanoTime() < end; i++) {
                    String request = "GET /items/" + (sent++ % 7) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
                    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    readResponse(in);
                    Thread.sleep(pause);
                }
            } catch (IOException e) {
                Log.log("error", "load: " + e.getMessage());
                Thread.sleep(100);
            }
        }
        reverseLoop.join(3000);
        reverse.shutdown();
        System.out.println("sent " + sent + " requests");
    }

    private static void readResponse(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int total = 0;
        int contentLength = -1;
        int headerEnd = -1;
        while (headerEnd < 0 || total < headerEnd + contentLength) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                throw new IOException("server closed the connection");
            }
            total += n;
            String text = new String(buffer, 0, total, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0 && headerEnd < 0) {
                headerEnd = end + 4;
                int at = text.indexOf("Content-Length: ");
                contentLength = Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)).trim());
            }
        }
    }
}
