package dev.slipway.cluster;

import java.time.Instant;
import java.util.UUID;

import dev.slipway.store.crypto.SealedColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A cluster's credentials as stored: sealed under a key of the keyring, bound to the cluster's id. */
@Entity
@Table(name = "cluster_credentials")
public class SealedCredentials extends SealedColumns {
    @Id
    public UUID clusterId;
    public Instant sealedAt;

    @Override
    public String toString() {
        return "SealedCredentials[cluster " + clusterId + " under key " + keyId + "]";
    }
}
