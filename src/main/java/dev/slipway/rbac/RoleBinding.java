package dev.slipway.rbac;

import java.time.Instant;
import java.util.UUID;

import dev.slipway.access.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored role binding: subject holds role within scope. Immutable: change means delete and create. */
@Entity
@Table(name = "role_bindings")
public class RoleBinding {
    @Id
    public UUID id;
    public String subject;
    /** Upper-case {@link Role} name. */
    public String role;
    public String scope;
    /** The scope's application, or null for the platform scope. */
    public String application;
    public Instant createdAt;
    public String createdBy;
}
