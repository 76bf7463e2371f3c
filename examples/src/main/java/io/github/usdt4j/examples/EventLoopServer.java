package io.github.usdt4j.examples;

import io.github.usdt4j.Providers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * A single-threaded event loop serving HTTP/1.1 on loopback, instrumented the way libmtev's
 * eventer and HTTP server are: every accept, read, write, close and callback fires its probe,
 * and every request fires the HTTP probes from start to finish.
 */
final class EventLoopServer implements AutoCloseable {
    static final Libmtev PROBES = Providers.get(Libmtev.class);

    private static final int READ = SelectionKey.OP_READ;
    private static final int WRITE = SelectionKey.OP_WRITE;

    private final Selector selector;
    private final ServerSocketChannel server;
    private long nextConnectionId = 1;
    /** Requests whose http-request-start probe was called, to compare with a tracer's count. */
    private final java.util.concurrent.atomic.AtomicLong requestsStarted = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;

    /** One client connection: its id stands in for libmtev's session pointer. */
    private static final class Connection {
        final long id;
        final int fd;
        final ByteBuffer in = ByteBuffer.allocate(8192);
        ByteBuffer out;
        long requestStartNanos;

        Connection(long id, int fd) {
            this.id = id;
            this.fd = fd;
        }
    }

    EventLoopServer(int port) throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        Log.log("http", "listening on 127.0.0.1:" + port());
    }

    long requestsStarted() {
        return requestsStarted.get();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** Runs the loop until {@link #close()}. */
    void run() throws IOException {
        while (running) {
            try {
                selector.select(200);
            } catch (java.nio.channels.ClosedSelectorException closed) {
                return; // close() ran while we waited
            }
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    accept();
                } else {
                    dispatch(key);
                }
            }
        }
    }

    private void accept() throws IOException {
        int listenFd = FileDescriptors.of(server);
        long listenerId = 0;
        PROBES.eventerAcceptEntry(listenFd, 0L, 0, SelectionKey.OP_ACCEPT, listenerId);
        SocketChannel channel = server.accept();
        if (channel == null) {
            PROBES.eventerAcceptReturn(listenFd, 0L, 0, SelectionKey.OP_ACCEPT, listenerId, -1);
            return;
        }
        channel.configureBlocking(false);
        Connection connection = new Connection(nextConnectionId++, FileDescriptors.of(channel));
        int addressLength = channel.getRemoteAddress().toString().length();
        PROBES.eventerAcceptReturn(listenFd, connection.id, addressLength, SelectionKey.OP_ACCEPT, listenerId,
                connection.fd);
        PROBES.httpAccept(connection.fd, connection.id);
        channel.register(selector, READ, connection);
    }

    /** The eventer's callback: one call per ready event, bracketed by the callback probes. */
    private void dispatch(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
        int mask = key.readyOps();
        String callback = key.isReadable() ? "http_session_read" : "http_session_write";
        PROBES.eventerCallbackEntry(connection.id, callback.hashCode(), callback, connection.fd, mask,
                key.interestOps());
        int newMask;
        try {
            newMask = key.isReadable() ? onReadable(key, connection) : onWritable(key, connection);
        } catch (IOException e) {
            Log.log("error", "connection " + connection.id + ": " + e.getMessage());
            newMask = 0;
        }
        PROBES.eventerCallbackReturn(connection.id, callback.hashCode(), callback, newMask);
        if (newMask == 0) {
            close(key, connection);
        } else if (key.isValid()) {
            key.interestOps(newMask);
        }
    }

    private int onReadable(SelectionKey key, Connection connection) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        PROBES.eventerReadEntry(connection.fd, null, connection.in.remaining(), READ, connection.id);
        int start = connection.in.position();
        int read = channel.read(connection.in);
        String data = read > 0 ? new String(connection.in.array(), start, read, StandardCharsets.ISO_8859_1) : null;
        PROBES.eventerReadReturn(connection.fd, data, connection.in.remaining(), READ, connection.id, read);
        if (read < 0) {
            return 0;
        }
        String request = new String(connection.in.array(), 0, connection.in.position(), StandardCharsets.ISO_8859_1);
        int end = request.indexOf("\r\n\r\n");
        if (end < 0) {
            return READ;
        }
        connection.requestStartNanos = System.nanoTime();
        PROBES.httpRequestStart(connection.fd, connection.id);
        requestsStarted.incrementAndGet();
        String requestLine = request.substring(0, request.indexOf("\r\n"));
        connection.in.clear();
        PROBES.httpRequestFinish(connection.fd, connection.id);

        PROBES.httpResponseStart(connection.fd, connection.id);
        byte[] body = respond(requestLine).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        connection.out = ByteBuffer.allocate(head.length() + body.length);
        connection.out.put(head.getBytes(StandardCharsets.ISO_8859_1)).put(body).flip();
        if (PROBES.httpLogEnabled()) {
            // Built only while someone traces http-log.
            PROBES.httpLog(connection.fd, connection.id, "127.0.0.1 \"" + requestLine + "\" 200 " + body.length);
        }
        return WRITE;
    }

    private int onWritable(SelectionKey key, Connection connection) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer out = connection.out;
        String data = new String(out.array(), out.position(), out.remaining(), StandardCharsets.UTF_8);
        PROBES.eventerWriteEntry(connection.fd, data, out.remaining(), WRITE, connection.id);
        int written = channel.write(out);
        PROBES.eventerWriteReturn(connection.fd, data, out.remaining(), WRITE, connection.id, written);
        if (out.hasRemaining()) {
            return WRITE;
        }
        PROBES.httpResponseFinish(connection.fd, connection.id);
        return READ; // keep-alive: wait for the next request
    }

    private void close(SelectionKey key, Connection connection) {
        PROBES.eventerCloseEntry(connection.fd, key.isValid() ? key.interestOps() : 0, connection.id);
        int rv = 0;
        try {
            key.channel().close();
        } catch (IOException e) {
            rv = -1;
        }
        key.cancel();
        PROBES.eventerCloseReturn(connection.fd, 0, connection.id, rv);
        PROBES.httpClose(connection.fd, connection.id);
    }

    private static String respond(String requestLine) {
        String[] parts = requestLine.split(" ");
        String path = parts.length > 1 ? parts[1] : "/";
        return "hello from usdt4j, you asked for " + path + " \u2014 gr\u00fc\u00dfe \uD83D\uDE80\n";
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        server.close();
        selector.close();
    }
}
