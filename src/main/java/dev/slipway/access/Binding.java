package dev.slipway.access;

import java.util.UUID;

/** A role binding as the policy reads it. */
public record Binding(UUID id, String subject, Role role, Scope scope) {
}
