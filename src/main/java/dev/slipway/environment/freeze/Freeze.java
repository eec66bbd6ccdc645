package dev.slipway.environment.freeze;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A time when deployments into a scope are refused (see V14__freezes.sql for the shape rules). */
@Entity
@Table(name = "freezes")
public class Freeze {
    @Id
    public UUID id;
    public String name;
    @Enumerated(EnumType.STRING)
    public FreezeScopeKind scope;
    public UUID applicationId;
    /** The application's name beside its id, so reads need no join (names are immutable). */
    public String application;
    public UUID environmentId;
    public String environment;
    public String environmentType;
    public String reason;
    /** One-off window. */
    public Instant startsAt;
    public Instant endsAt;
    /** Recurring window. */
    public String cron;
    public String duration;
    public String timeZone;
    public Instant createdAt;
    public String createdBy;
    @Version
    public long version;

    FreezeWindow window() {
        return cron == null
                ? FreezeWindow.oneOff(startsAt, endsAt)
                : FreezeWindow.recurring(cron, FreezeWindow.parseDuration(duration), java.time.ZoneId.of(timeZone));
    }
}
