package dev.slipway.client.sdk;

/**
 * One event of a {@code text/event-stream}, before its data is parsed.
 *
 * @param id    the event's id (send it as Last-Event-ID to resume after it), or null
 * @param event the event name ("message" when the stream gives none)
 * @param data  the data lines joined with newlines
 */
public record ServerSentEvent(String id, String event, String data) {
}
