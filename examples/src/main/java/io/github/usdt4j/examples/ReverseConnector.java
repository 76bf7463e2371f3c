package io.github.usdt4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * libmtev's reverse connections, cut down: an outbound connection that delivers a request
 * and reconnects. Each attempt fires the reverse probes from real socket work; a TLS attempt
 * against the plain-text server fails for real and fires the SSL failure probes.
 */
final class ReverseConnector {
    private static final Libmtev PROBES = EventLoopServer.PROBES;

    private final String id;
    private final InetSocketAddress remote;
    private int fdCounter = 2000;

    ReverseConnector(String id, InetSocketAddress remote) {
        this.id = id;
        this.remote = remote;
    }

    /** One plain attempt: connect, send a request, read the answer, close. */
    void connectOnce() {
        int fd = fdCounter++;
        String address = remote.getHostString() + ":" + remote.getPort();
        PROBES.reverseConnect(fd, id, address);
        try (Socket socket = new Socket()) {
            socket.connect(remote, 1000);
            PROBES.reverseConnectSuccess(fd, id, address);
            OutputStream out = socket.getOutputStream();
            byte[] request = ("GET /reverse/" + id + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(1000);
            int received = in.read(new byte[4096]);
            PROBES.reverseConnectClose(fd, id, address, Math.max(received, 0), request.length);
        } catch (IOException e) {
            PROBES.reverseConnectFailed(fd, id, address, errorCode(e));
            PROBES.reverseReschedule(fd, id, address, 1000);
        }
    }

    /** A TLS attempt; the server speaks plain HTTP, so the handshake fails. */
    void connectTlsOnce() {
        int fd = fdCounter++;
        String address = remote.getHostString() + ":" + remote.getPort();
        PROBES.reverseConnectSsl(fd, id, address);
        try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket()) {
            socket.connect(remote, 1000);
            socket.setSoTimeout(1000);
            socket.startHandshake();
            PROBES.reverseConnectSslSuccess(fd, id, address);
        } catch (IOException e) {
            PROBES.reverseConnectSslFailed(fd, id, address, String.valueOf(e.getMessage()), errorCode(e));
        }
    }

    void shutdown() {
        PROBES.reverseShutdownPermanent(fdCounter, id, remote.getHostString() + ":" + remote.getPort());
    }

    private static int errorCode(IOException e) {
        return e instanceof java.net.ConnectException ? 111 : 5; // ECONNREFUSED, EIO
    }
}
