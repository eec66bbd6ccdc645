package dev.slipway.cluster;

import java.time.Instant;
import java.util.UUID;

import dev.slipway.cluster.workload.RoutingSpec;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A Kubernetes cluster that environments deploy to. Its credentials are a reference
 * (credentialsRef) or sealed apart ({@link SealedCredentials}); this row only says which kind is
 * set, how often credentials were set and when.
 */
@Entity
@Table(name = "clusters")
public class Cluster {
    @Id
    public UUID id;
    public String name;
    public String description;
    @Enumerated(EnumType.STRING)
    public ClusterKind kind;
    public String apiUrl;
    public String credentialsRef;
    @Enumerated(EnumType.STRING)
    public CredentialsType credentialsType;
    public long credentialsVersion;
    public Instant credentialsRotatedAt;
    @Column(name = "is_default")
    public boolean isDefault;
    /** How routes are exposed here; null: the defaults. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public RoutingSpec routing;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    @Version
    public long version;
}
