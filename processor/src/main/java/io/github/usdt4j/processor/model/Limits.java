package io.github.usdt4j.processor.model;

/** Every limit the processor enforces or works around, and where it comes from. */
public final class Limits {
    /** {@code sys/sdt.h} defines probe macros up to {@code STAP_PROBE12}. */
    public static final int MAX_ARGUMENTS = 12;
    /**
     * What bpftrace before 0.24 reads of a USDT probe on x86_64 ({@code arg0} to {@code arg5}):
     * a wider probe draws a warning, and the generated bpftrace script leaves the rest out.
     */
    public static final int BPFTRACE_ARGUMENTS = 6;
    /** The most UTF-8 bytes of a string argument (NUL excluded): the glue keeps each on the native stack. */
    public static final int MAX_STRING_BYTES = 4095;
    /** DTrace's provider name limit (64 with the NUL) less room for a pid suffix of up to 10 digits. */
    public static final int MAX_PROVIDER_LENGTH = 53;
    /** DTrace's probe name limit, {@code DTRACE_NAMELEN}, less the NUL; the ELF spelling ({@code __}) counts. */
    public static final int MAX_PROBE_LENGTH = 63;

    private Limits() {}
}
