package dev.slipway.environment.freeze;

import java.time.Instant;

import dev.slipway.api.ETags;

/** The one place a freeze entity becomes its API models. */
final class FreezeMapper {
    private FreezeMapper() {
    }

    static FreezeView toView(Freeze freeze, Instant now) {
        var opening = freeze.window().openingAt(now);
        return new FreezeView(freeze.id, freeze.name, scope(freeze), freeze.reason, freeze.startsAt, freeze.endsAt, recurring(freeze),
                opening.isPresent(), opening.map(FreezeWindow.Opening::end).orElse(null), freeze.createdAt, freeze.createdBy,
                ETags.of(freeze.version));
    }

    static FreezeScope scope(Freeze freeze) {
        return new FreezeScope(freeze.scope, freeze.application, freeze.environment, freeze.environmentType);
    }

    static RecurringWindow recurring(Freeze freeze) {
        return freeze.cron == null ? null : new RecurringWindow(freeze.cron, freeze.duration, freeze.timeZone);
    }

    static ActiveFreeze toActive(Freeze freeze, FreezeWindow.Opening opening) {
        return new ActiveFreeze(freeze.id, freeze.name, freeze.scope, freeze.reason, opening.end());
    }
}
