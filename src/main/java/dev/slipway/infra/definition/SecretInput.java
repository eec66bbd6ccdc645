package dev.slipway.infra.definition;

import java.util.UUID;

/**
 * A secret input as a definition stores it: the platform-owned encrypted value it names (in
 * config_secret_values), how often it was set, and its keyed fingerprint. Never the value.
 */
public record SecretInput(UUID valueId, int version, String fingerprint) {
}
