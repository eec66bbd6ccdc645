package dev.slipway.webhook;

import java.net.URI;
import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.vertx.core.json.Json;

/** A delivery as a CloudEvent 1.0 in structured JSON mode (application/cloudevents+json), written by the CloudEvents SDK. */
final class CloudEvents {
    static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    private static final JsonFormat FORMAT = new JsonFormat();

    private CloudEvents() {
    }

    static byte[] body(DeliveryStore.Claimed delivery) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(delivery.eventId())
                .withSource(URI.create(delivery.source()))
                .withType(delivery.eventType())
                .withSubject(delivery.subject())
                .withTime(delivery.occurredAt().atOffset(ZoneOffset.UTC))
                .withData("application/json", Json.encodeToBuffer(delivery.data()).getBytes())
                .build();
        return FORMAT.serialize(event);
    }
}
