package dev.slipway.webhook;

import java.util.List;

/**
 * The event types a subscription may ask for; the triggers of V18__webhooks.sql write them (and
 * {@link Webhooks#ping} writes {@link #PING}).
 */
public final class WebhookEventTypes {
    public static final String DEPLOYMENT_STATUS_CHANGED = "dev.slipway.deployment.status_changed";
    public static final String DEPLOYMENT_APPROVAL_REQUESTED = "dev.slipway.deployment.approval_requested";
    public static final String FREEZE_CREATED = "dev.slipway.freeze.created";
    public static final String FREEZE_ENDED = "dev.slipway.freeze.ended";
    public static final String ENVIRONMENT_EXPIRED = "dev.slipway.environment.expired";
    public static final String RESOURCE_FAILED = "dev.slipway.resource.failed";
    /** Sent only by the ping operation, to every subscription whatever it asked for. */
    public static final String PING = "dev.slipway.webhook.ping";
    /** Longer than every type's name: the contract's bound on an event type (an unknown one is refused anyway). */
    public static final int MAX_LENGTH = 64;

    public static final List<String> ALL = List.of(DEPLOYMENT_STATUS_CHANGED, DEPLOYMENT_APPROVAL_REQUESTED, FREEZE_CREATED, FREEZE_ENDED,
            ENVIRONMENT_EXPIRED, RESOURCE_FAILED);

    private WebhookEventTypes() {
    }
}
