package dev.slipway.config;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How an entry differs going from one configuration to the other.")
public enum DiffChange {
    ADDED, REMOVED, CHANGED
}
