package dev.slipway.webhook;

import java.util.Locale;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.slipway.api.grpc.Protos;
import dev.slipway.api.grpc.UpdateMask;
import dev.slipway.grpc.v1.WebhookProto;

/** The one place webhook messages meet the service layer's records, update mask included. */
final class WebhookProtoMapper {
    /** Fields UpdateWebhook may name in its mask, with their names in the merge patch. */
    static final UpdateMask<WebhookProto.Webhook, WebhookView> UPDATE_MASK = UpdateMask
            .builder(WebhookProto.Webhook.class, WebhookView.class)
            .text("url", "url", WebhookProto.Webhook::getUrl)
            .json("event_types", "eventTypes", (message, current) -> {
                var list = JsonNodeFactory.instance.arrayNode();
                message.getEventTypesList().forEach(list::add);
                return list;
            })
            .text("description", "description", WebhookProto.Webhook::getDescription)
            .bool("enabled", "enabled", WebhookProto.Webhook::getEnabled)
            .text("secret", "secret", WebhookProto.Webhook::getSecret)
            .build();

    private WebhookProtoMapper() {
    }

    static WebhookSpec toSpec(WebhookProto.Webhook webhook) {
        return new WebhookSpec(Protos.optional(webhook.getApplication()), Protos.optional(webhook.getUrl()),
                webhook.getEventTypesList(), Protos.optional(webhook.getDescription()),
                webhook.hasEnabled() ? webhook.getEnabled() : null, Protos.optional(webhook.getSecret()));
    }

    static WebhookProto.Webhook toProto(WebhookView view) {
        WebhookProto.Webhook.Builder builder = WebhookProto.Webhook.newBuilder()
                .setId(view.id().toString())
                .setApplication(Protos.text(view.application()))
                .setUrl(view.url())
                .addAllEventTypes(view.eventTypes())
                .setDescription(Protos.text(view.description()))
                .setEnabled(view.enabled())
                .setSecretFingerprint(Protos.text(view.secretFingerprint()))
                .setGeneratedSecret(Protos.text(view.secret()))
                .setCreatedBy(view.createdBy())
                .setEtag(view.etag());
        if (view.createdAt() != null) {
            builder.setCreateTime(Protos.timestamp(view.createdAt()));
        }
        if (view.updatedAt() != null) {
            builder.setUpdateTime(Protos.timestamp(view.updatedAt()));
        }
        return builder.build();
    }

    static WebhookProto.WebhookDelivery toProto(DeliveryView view) {
        WebhookProto.WebhookDelivery.Builder builder = WebhookProto.WebhookDelivery.newBuilder()
                .setId(view.id().toString())
                .setEventId(view.eventId())
                .setEventType(view.eventType())
                .setSubject(Protos.text(view.subject()))
                .setState(state(view.state()))
                .setAttempts(view.attempts())
                .setLastError(Protos.text(view.lastError()));
        if (view.lastStatusCode() != null) {
            builder.setLastStatusCode(view.lastStatusCode());
        }
        if (view.lastLatencyMs() != null) {
            builder.setLastLatencyMs(view.lastLatencyMs());
        }
        if (view.lastAttemptAt() != null) {
            builder.setLastAttemptTime(Protos.timestamp(view.lastAttemptAt()));
        }
        if (view.nextAttemptAt() != null) {
            builder.setNextAttemptTime(Protos.timestamp(view.nextAttemptAt()));
        }
        if (view.deliveredAt() != null) {
            builder.setDeliverTime(Protos.timestamp(view.deliveredAt()));
        }
        if (view.createdAt() != null) {
            builder.setCreateTime(Protos.timestamp(view.createdAt()));
        }
        return builder.build();
    }

    static WebhookProto.WebhookDeliveryState state(String state) {
        return WebhookProto.WebhookDeliveryState.valueOf("WEBHOOK_DELIVERY_STATE_" + state.toUpperCase(Locale.ROOT));
    }

    /** The REST filter value of a state, or null for unspecified. */
    static String state(WebhookProto.WebhookDeliveryState state) {
        return switch (state) {
            case WEBHOOK_DELIVERY_STATE_PENDING -> "pending";
            case WEBHOOK_DELIVERY_STATE_DELIVERED -> "delivered";
            case WEBHOOK_DELIVERY_STATE_FAILED -> "failed";
            default -> null;
        };
    }
}
