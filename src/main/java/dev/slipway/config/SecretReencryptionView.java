package dev.slipway.config;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SecretReencryption", description = "Outcome of moving every secret value to the active key.")
public record SecretReencryptionView(
        @Schema(description = "The key every value should now be under.", examples = "k2026") String activeKey,
        @Schema(description = "Values moved to the active key by this call.") long reencrypted,
        @Schema(description = "Values per key id after this call; an old key may be removed from configuration once it has none.") Map<String, Long> valuesByKey,
        @Schema(description = "Values that could not be moved because their key is not configured or they do not authenticate.") long unreadable) {
}
