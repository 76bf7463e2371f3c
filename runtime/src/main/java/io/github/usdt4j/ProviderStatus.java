package io.github.usdt4j;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a provider's probes reach tracers.
 *
 * @param provider the provider name ({@code libmtev}), or the interface name when no
 *     generated implementation was found
 * @param active {@code true} when the native library is loaded and probes fire
 * @param reason why the probes are no-ops, or {@code "active"}
 * @param library the loaded shared object, the path a tracer names (empty when inactive)
 */
public record ProviderStatus(String provider, boolean active, String reason, Optional<String> library) {
    public ProviderStatus {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(library, "library");
    }

    /** A provider whose probes fire, loaded from {@code library}. */
    public static ProviderStatus active(String provider, String library) {
        return new ProviderStatus(provider, true, "active", Optional.of(library));
    }

    /** A provider whose probes do nothing, for {@code reason}. */
    public static ProviderStatus noop(String provider, String reason) {
        return new ProviderStatus(provider, false, reason, Optional.empty());
    }
}
