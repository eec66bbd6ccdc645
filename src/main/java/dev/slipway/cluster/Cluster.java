package dev.slipway.cluster;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A Kubernetes cluster that environments deploy to. Credentials are referenced, never stored. */
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
    @Column(name = "is_default")
    public boolean isDefault;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    @Version
    public long version;
}
