package dev.slipway.api;

/**
 * The result of a create: the resource as first returned, and whether this answer is a replay
 * of an earlier request with the same idempotency key (so nothing new was created).
 */
public record Created<T>(T resource, boolean replayed) {
}
