package dev.slipway.client.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A typed stream of Server-Sent Events: each event's JSON data read into {@code T} (one of the
 * generated models, e.g. DeploymentEvent or LogLine). Follows the parsing rules of the HTML
 * standard: lines of field:value, a blank line ends an event, lines starting with ':' are
 * comments (keep-alives), several data lines are joined with newlines.
 * Close it to stop listening.
 */
public final class EventStream<T> implements Iterator<T>, AutoCloseable {
    private final BufferedReader reader;
    private final ObjectMapper mapper;
    private final Class<T> type;
    private final String eventName;
    private ServerSentEvent pending;
    private String lastEventId;
    private boolean ended;

    /**
     * @param body      the response body
     * @param eventName only events of this name are read (others are skipped); null reads all
     */
    public EventStream(InputStream body, ObjectMapper mapper, Class<T> type, String eventName) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.mapper = mapper;
        this.type = type;
        this.eventName = eventName;
    }

    /** The id of the last event read, to resume with Last-Event-ID; null when none had an id. */
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && !ended) {
            ServerSentEvent event = readEvent();
            if (event != null && (eventName == null || eventName.equals(event.event()))) {
                pending = event;
            }
        }
        return pending != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ServerSentEvent event = pending;
        pending = null;
        try {
            return mapper.readValue(event.data(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("event " + event.id() + " is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The remaining events as a sequential stream. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Reads one event; null for a block without data; sets ended at the end of the body. */
    private ServerSentEvent readEvent() {
        StringBuilder data = null;
        String name = null;
        String id = null;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null) {
                        lastEventId = id;
                    }
                    return data == null ? null : new ServerSentEvent(id != null ? id : lastEventId, name == null ? "message" : name,
                            data.toString());
                }
                if (line.startsWith(":")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    case "event" -> name = value;
                    case "id" -> id = value.contains("\0") ? id : value;
                    default -> {
                        // "retry" and unknown fields: nothing to do for a client that reconnects on its own terms
                    }
                }
            }
        } catch (IOException e) {
            if (!ended) {
                ended = true;
                throw new UncheckedIOException("the event stream broke off: " + e.getMessage(), e);
            }
        }
        // The body ended: an unterminated last event is dropped, as the standard says.
        ended = true;
        return null;
    }

    @Override
    public void close() {
        ended = true;
        try {
            reader.close();
        } catch (IOException e) {
            // closing a stream we stop reading: nothing left to do
        }
    }
}
