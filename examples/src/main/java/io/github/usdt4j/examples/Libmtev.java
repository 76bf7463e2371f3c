package io.github.usdt4j.examples;

import io.github.usdt4j.DType;
import io.github.usdt4j.Enabled;
import io.github.usdt4j.Probe;
import io.github.usdt4j.Provider;
import io.github.usdt4j.Stability;

/**
 * libmtev's provider, all 27 probes, with the D types of libmtev's own provider definition.
 * Pointers ({@code void *}, {@code struct mtev_http_session_ctx *}) are {@code long}s: the
 * Java program passes an identity for the object (a connection id), which tracers use as a
 * key exactly as they would use the C pointer.
 */
@Provider("libmtev")
@Stability(provider = "Evolving/Evolving/ISA", name = "Evolving/Evolving/ISA", args = "Evolving/Evolving/ISA")
public interface Libmtev {

    // Logging

    @Probe("log")
    void log(String facility, String file, int line, String msg);

    // Eventer

    @Probe("eventer-accept-entry")
    void eventerAcceptEntry(int fd, @DType("void *") long addr, int addrlen, int mask, @DType("void *") long closure);

    @Probe("eventer-accept-return")
    void eventerAcceptReturn(int fd, @DType("void *") long addr, int addrlen, int mask, @DType("void *") long closure,
            int rv);

    @Probe("eventer-read-entry")
    void eventerReadEntry(int fd, @DType("char *") String buf, @DType("size_t") long size, int mask,
            @DType("void *") long closure);

    @Probe("eventer-read-return")
    void eventerReadReturn(int fd, @DType("char *") String buf, @DType("size_t") long size, int mask,
            @DType("void *") long closure, int rv);

    @Probe("eventer-write-entry")
    void eventerWriteEntry(int fd, @DType("char *") String buf, @DType("size_t") long size, int mask,
            @DType("void *") long closure);

    @Probe("eventer-write-return")
    void eventerWriteReturn(int fd, @DType("char *") String buf, @DType("size_t") long size, int mask,
            @DType("void *") long closure, int rv);

    @Probe("eventer-close-entry")
    void eventerCloseEntry(int fd, int mask, @DType("void *") long closure);

    @Probe("eventer-close-return")
    void eventerCloseReturn(int fd, int mask, @DType("void *") long closure, int rv);

    @Probe("eventer-callback-entry")
    void eventerCallbackEntry(@DType("void *") long event, @DType("void *") long callback, String name, int fd,
            int mask, int newMask);

    @Probe("eventer-callback-return")
    void eventerCallbackReturn(@DType("void *") long event, @DType("void *") long callback, String name, int rv);

    // Reverse connections

    @Probe("reverse-reschedule")
    void reverseReschedule(int fd, String id, String remote, int delayMs);

    @Probe("reverse-shutdown-permanent")
    void reverseShutdownPermanent(int fd, String id, String remote);

    @Probe("reverse-connect")
    void reverseConnect(int fd, String id, String remote);

    @Probe("reverse-connect-success")
    void reverseConnectSuccess(int fd, String id, String remote);

    @Probe("reverse-connect-close")
    void reverseConnectClose(int fd, String id, String remote, int bytesIn, int bytesOut);

    @Probe("reverse-connect-failed")
    void reverseConnectFailed(int fd, String id, String remote, int error);

    @Probe("reverse-connect-ssl")
    void reverseConnectSsl(int fd, String id, String remote);

    @Probe("reverse-connect-ssl-success")
    void reverseConnectSslSuccess(int fd, String id, String remote);

    @Probe("reverse-connect-ssl-failed")
    void reverseConnectSslFailed(int fd, String id, String remote, String error, int code);

    // HTTP server

    @Probe("http-accept")
    void httpAccept(int fd, @DType("struct mtev_http_session_ctx *") long session);

    @Probe("http-request-start")
    void httpRequestStart(int fd, @DType("struct mtev_http_session_ctx *") long session);

    @Probe("http-request-finish")
    void httpRequestFinish(int fd, @DType("struct mtev_http_session_ctx *") long session);

    @Probe("http-response-start")
    void httpResponseStart(int fd, @DType("struct mtev_http_session_ctx *") long session);

    @Probe("http-response-finish")
    void httpResponseFinish(int fd, @DType("struct mtev_http_session_ctx *") long session);

    @Probe("http-log")
    void httpLog(int fd, @DType("struct mtev_http_session_ctx *") long session, String line);

    @Probe("http-close")
    void httpClose(int fd, @DType("struct mtev_http_session_ctx *") long session);

    /** Whether anyone traces log: the caller's file and line are looked up only then. */
    @Enabled("log")
    boolean logEnabled();

    /** Whether anyone traces http-request-start: the soak test waits for its tracer. */
    @Enabled("http-request-start")
    boolean httpRequestStartEnabled();

    /** Whether anyone traces http-log: the access log line is built only then. */
    @Enabled("http-log")
    boolean httpLogEnabled();
}
