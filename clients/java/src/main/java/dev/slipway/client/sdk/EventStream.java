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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A typed stream of Server-Sent Events: each event's JSON data read into {@code T} (one of the
 * generated models, e.g. DeploymentEvent or LogLine). Follows the parsing rules of the HTML
 * standard: lines of field:value, a blank line ends an event, lines starting with ':' are
 * comments (keep-alives), several data lines are joined with newlines.
 * Close it to stop listening: a reader blocked in {@link #hasNext()} returns false at once. The
 * body is read by a daemon thread of its own, because a blocked read on a JDK HTTP response body
 * cannot be interrupted; that thread ends when the server sends anything more or closes.
 */
public final class EventStream<T> implements Iterator<T>, AutoCloseable {
    /** Put in the queue when the body has ended (or the stream was closed). */
    private static final Object END = new Object();

    private final InputStream body;
    private final BufferedReader reader;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final ObjectMapper mapper;
    private final Class<T> type;
    private final String eventName;
    private ServerSentEvent pending;
    private volatile String lastEventId;
    /** The id the next event inherits when it has none (the pump thread's own). */
    private String currentId;
    private volatile boolean ended;
    private volatile boolean closed;

    /**
     * @param body      the response body
     * @param eventName only events of this name are read (others are skipped); null reads all
     */
    public EventStream(InputStream body, ObjectMapper mapper, Class<T> type, String eventName) {
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.mapper = mapper;
        this.type = type;
        this.eventName = eventName;
        Thread pump = new Thread(this::pump, "slipway-event-stream");
        pump.setDaemon(true);
        pump.start();
    }

    /** Reads events off the body into the queue until the body ends, breaks, or the stream is closed. */
    private void pump() {
        try {
            while (!ended && !closed) {
                ServerSentEvent event = readEvent();
                if (event != null && (eventName == null || eventName.equals(event.event()))) {
                    queue.add(event);
                }
            }
        } catch (UncheckedIOException e) {
            if (!closed) {
                queue.add(e);
            }
        } finally {
            queue.add(END);
        }
    }

    /** The id of the last event read, to resume with Last-Event-ID; null when none had an id. */
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        Object next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (next instanceof ServerSentEvent event) {
            pending = event;
            return true;
        }
        queue.add(END); // stays at the end for the next caller
        if (next instanceof UncheckedIOException broken) {
            throw broken;
        }
        return false;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ServerSentEvent event = pending;
        pending = null;
        if (event.id() != null) {
            lastEventId = event.id();
        }
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
                        currentId = id;
                    }
                    return data == null ? null : new ServerSentEvent(currentId, name == null ? "message" : name,
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
            ended = true;
            throw new UncheckedIOException("the event stream broke off: " + e.getMessage(), e);
        }
        // The body ended: an unterminated last event is dropped, as the standard says.
        ended = true;
        return null;
    }

    @Override
    public void close() {
        closed = true;
        queue.add(END);
        try {
            // The body itself, not the reader: the reader's lock is held by the blocked pump thread.
            body.close();
        } catch (IOException e) {
            // closing a stream we stop reading: nothing left to do
        }
    }
}
