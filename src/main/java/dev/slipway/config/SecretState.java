package dev.slipway.config;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What may be known about a secret value: that it is set, how often it was set, and a keyed fingerprint.")
public record SecretState(
        @Schema(description = "Always true: the value is stored (encrypted).") boolean set,
        @Schema(description = "How many times a value was set for this name in this scope, from 1.") int version,
        @Schema(description = "Keyed fingerprint (HMAC-SHA-256, 64 bits) of the value: equal fingerprints mean equal values; "
                + "it reveals nothing about the value.", examples = "hmac-sha256:3f2c9d1a0b4e5f67") String fingerprint) {
}
