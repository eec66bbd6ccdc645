package dev.slipway.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.slipway.api.SlipwayException;
import dev.slipway.deployment.lifecycle.DeploymentEvent;
import dev.slipway.deployment.lifecycle.EventSubscribers;
import dev.slipway.runtime.ShutdownSignal;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/** Renders deployment events as SSE: event name "deployment", id = event id, JSON data. */
@ApplicationScoped
public class DeploymentSse {
    private final ObjectMapper mapper;
    private final EventSubscribers subscribers;

    public DeploymentSse(ObjectMapper mapper, EventSubscribers subscribers) {
        this.mapper = mapper;
        this.subscribers = subscribers;
    }

    Multi<OutboundSseEvent> toSse(Multi<DeploymentEvent> events, Sse sse) {
        return subscribers.counted(EventSubscribers.Kind.SSE, events).map(event -> sse.newEventBuilder()
                .id(Long.toString(event.id()))
                .name("deployment")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, json(event))
                .build())
                // The replica is shutting down: a last comment with the reconnect delay, no id, so
                // Last-Event-ID still names the last event and the client resumes from it elsewhere.
                .onFailure(ShutdownSignal::isShutdown).recoverWithItem(() -> ShutdownSignal.lastSseEvent(sse));
    }

    static Long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw SlipwayException.Invalid.field("Last-Event-ID", "must be an event id received from this stream");
        }
    }

    private String json(DeploymentEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
