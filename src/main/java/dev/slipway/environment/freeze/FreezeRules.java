package dev.slipway.environment.freeze;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;

/** What a freeze to create must be; every problem is named by its field. */
final class FreezeRules {
    private FreezeRules() {
    }

    /** The spec as it will be stored: a one-off window without a start starts now. */
    static FreezeSpec validate(FreezeSpec spec, Instant now) {
        return validate(new Violations(), spec, now);
    }

    /** As {@link #validate(FreezeSpec, Instant)}, adding to what the spec's declared limits found. */
    static FreezeSpec validate(Violations violations, FreezeSpec spec, Instant now) {
        if (spec == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        scope(spec.scope(), violations);
        if (spec.recurring() != null) {
            if (spec.start() != null) {
                violations.add("start", "must be absent with recurring (a recurring window opens when its cron expression says)");
            }
            if (spec.end() != null) {
                violations.add("end", "must be absent with recurring (each opening lasts recurring.duration)");
            }
            recurring(spec.recurring(), violations);
        } else if (spec.end() != null && !spec.end().isAfter(spec.start() == null ? now : spec.start())) {
            violations.add("end", "must be after start (" + (spec.start() == null ? "now" : spec.start()) + ")");
        }
        violations.throwIfAny();
        Instant start = spec.recurring() == null && spec.start() == null ? now : micros(spec.start());
        return new FreezeSpec(spec.name(), spec.scope(), spec.reason(), start, micros(spec.end()), spec.recurring());
    }

    /** At the store's precision, so the response and a later read agree. */
    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static void scope(FreezeScope scope, Violations violations) {
        if (scope == null || scope.kind() == null) {
            violations.add(scope == null ? "scope" : "scope.kind", "is required: ENVIRONMENT, ENVIRONMENT_TYPE or PLATFORM");
            return;
        }
        switch (scope.kind()) {
            case ENVIRONMENT -> {
                violations.slug("scope.application", scope.application()).slug("scope.environment", scope.environment());
                absent(violations, "scope.environmentType", scope.environmentType(), "ENVIRONMENT");
            }
            case ENVIRONMENT_TYPE -> {
                violations.slug("scope.environmentType", scope.environmentType()).optionalSlug("scope.application", scope.application());
                absent(violations, "scope.environment", scope.environment(), "ENVIRONMENT_TYPE");
            }
            case PLATFORM -> {
                absent(violations, "scope.application", scope.application(), "PLATFORM");
                absent(violations, "scope.environment", scope.environment(), "PLATFORM");
                absent(violations, "scope.environmentType", scope.environmentType(), "PLATFORM");
            }
        }
    }

    private static void absent(Violations violations, String field, String value, String kind) {
        if (value != null) {
            violations.add(field, "must be absent for scope kind " + kind);
        }
    }

    private static void recurring(RecurringWindow window, Violations violations) {
        if (window.cron() == null || window.cron().isBlank()) {
            violations.add("recurring.cron", "is required");
        } else {
            try {
                FreezeWindow.parseCron(window.cron());
            } catch (IllegalArgumentException e) {
                violations.add("recurring.cron", "must be a Unix cron expression (minute hour day-of-month month day-of-week): "
                        + e.getMessage());
            }
        }
        try {
            Duration duration = FreezeWindow.parseDuration(window.duration());
            if (duration.compareTo(FreezeWindow.MIN_DURATION) < 0 || duration.compareTo(FreezeWindow.MAX_DURATION) > 0) {
                violations.add("recurring.duration", "must be between 1m and 366d");
            }
        } catch (IllegalArgumentException e) {
            violations.add("recurring.duration", e.getMessage());
        }
        if (window.timeZone() == null || window.timeZone().isBlank()) {
            violations.add("recurring.timeZone", "is required: an IANA time zone such as Europe/Berlin or UTC");
        } else {
            try {
                ZoneId.of(window.timeZone());
            } catch (RuntimeException e) {
                violations.add("recurring.timeZone", "must be an IANA time zone such as Europe/Berlin or UTC");
            }
        }
    }
}
