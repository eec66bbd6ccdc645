package dev.slipway.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.slipway.store.crypto.SealedColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A webhook subscription; its signing secret lives in the sealed columns (see V18__webhooks.sql). */
@Entity
@Table(name = "webhook_subscriptions")
public class WebhookSubscription extends SealedColumns {
    @Id
    public UUID id;
    /** Null for a platform-wide subscription. */
    public UUID applicationId;
    /** The application's name beside its id: the delivery triggers match on it (names are immutable). */
    public String application;
    public String url;
    /** Comma-separated: the delivery triggers read it as an array (Hibernate Reactive maps jsonb to objects only). */
    @Column(name = "event_types")
    public String eventTypeList;
    public String description;
    public boolean enabled;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    @Version
    public long version;

    List<String> eventTypes() {
        return List.of(eventTypeList.split(","));
    }

    void eventTypes(List<String> types) {
        eventTypeList = String.join(",", new java.util.LinkedHashSet<>(types));
    }

    @Override
    public String toString() {
        return "WebhookSubscription[" + id + " of " + (application == null ? "the platform" : application) + "]";
    }
}
