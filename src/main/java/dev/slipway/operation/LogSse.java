package dev.slipway.operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.runtime.ShutdownSignal;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/** Renders followed log lines as SSE: event name "log", JSON data (a LogLine). No ids: a log cannot be resumed, only tailed again. */
@ApplicationScoped
public class LogSse {
    private final ObjectMapper mapper;

    public LogSse(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Multi<OutboundSseEvent> toSse(Multi<LogLine> lines, Sse sse) {
        return lines.map(line -> sse.newEventBuilder()
                .name("log")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, json(line))
                .build())
                .onFailure(ShutdownSignal::isShutdown).recoverWithItem(() -> ShutdownSignal.lastSseEvent(sse));
    }

    private String json(LogLine line) {
        try {
            return mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
