package dev.slipway.config;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An immutable change of an application's configuration: the new complete state of one scope
 * (the base when environmentId is null, else that environment's overrides) and what changed.
 */
@Entity
@Table(name = "config_revisions")
public class ConfigRevision {
    @Id
    public UUID id;
    public UUID applicationId;
    /** Counts up per application, whichever scope changed. */
    public long number;
    public UUID environmentId;
    /** The environment's name (immutable), kept for lists. */
    public String environment;
    public String message;
    /** Set on a restore: the revision whose state this one copies. */
    public Long restoredFrom;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public ConfigSnapshot entries;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public ChangeLog changes;
    public String createdBy;
    public Instant createdAt;
}
