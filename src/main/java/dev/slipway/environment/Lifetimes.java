package dev.slipway.environment;

import java.time.Duration;
import java.time.Instant;

import dev.slipway.api.GoDuration;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;

/**
 * The rules of an environment's lifetime, as pure functions of its type and the clock: what a
 * create or an extension asks for, the type's default when it asks for nothing, and the type's
 * maximum as the bound. Errors name the field the caller sent.
 */
final class Lifetimes {
    private Lifetimes() {
    }

    /**
     * When a new environment expires: now + ttl, or expiresAt, or the type's default (else its
     * maximum, so a type with a maximum never makes environments that live forever); null: never.
     */
    static Instant expiryOnCreate(EnvironmentType type, String ttl, Instant expiresAt, Instant now) {
        if (ttl != null && expiresAt != null) {
            throw SlipwayException.Invalid.field("ttl", "give ttl or expiresAt, not both");
        }
        if (ttl != null) {
            return now.plus(bounded(type, "ttl", GoDuration.parse("ttl", ttl)));
        }
        if (expiresAt != null) {
            if (!expiresAt.isAfter(now)) {
                throw SlipwayException.Invalid.field("expiresAt", "must be in the future");
            }
            bounded(type, "expiresAt", Duration.between(now, expiresAt));
            return expiresAt;
        }
        Long seconds = type.defaultTtlSeconds != null ? type.defaultTtlSeconds : type.maxTtlSeconds;
        return seconds == null ? null : now.plusSeconds(seconds);
    }

    /** The new expiry of an extension: now + ttl, within the type's maximum. */
    static Instant extended(EnvironmentType type, String ttl, Instant now) {
        new Violations().required("ttl", ttl).throwIfAny();
        return now.plus(bounded(type, "ttl", GoDuration.parse("ttl", ttl)));
    }

    /** A type's lifetimes from its spec, checked together: positive, the default within the maximum. */
    static void applyToType(EnvironmentTypeSpec spec, EnvironmentType type) {
        Duration defaultTtl = GoDuration.parse("defaultTtl", spec.defaultTtl());
        Duration maxTtl = GoDuration.parse("maxTtl", spec.maxTtl());
        if (defaultTtl != null && maxTtl != null && defaultTtl.compareTo(maxTtl) > 0) {
            throw SlipwayException.Invalid.field("defaultTtl", "must not be longer than maxTtl (" + spec.maxTtl() + ")");
        }
        type.defaultTtlSeconds = defaultTtl == null ? null : defaultTtl.getSeconds();
        type.maxTtlSeconds = maxTtl == null ? null : maxTtl.getSeconds();
    }

    private static Duration bounded(EnvironmentType type, String field, Duration lifetime) {
        if (type.maxTtlSeconds != null && lifetime.getSeconds() > type.maxTtlSeconds) {
            throw SlipwayException.Invalid.field(field, "is longer than environment type " + type.name + " allows ("
                    + GoDuration.format(Duration.ofSeconds(type.maxTtlSeconds)) + ")");
        }
        return lifetime;
    }
}
