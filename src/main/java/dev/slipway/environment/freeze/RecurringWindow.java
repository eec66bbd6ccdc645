package dev.slipway.environment.freeze;

import dev.slipway.api.RequestLimits;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A window that recurs, as Argo CD's sync windows: it opens at each time the cron expression names, in the "
        + "time zone, and stays open for the duration.")
public record RecurringWindow(
        @Size(max = RequestLimits.SHORT_TEXT, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "When each window opens: a Unix cron expression (minute hour day-of-month month day-of-week).", examples = "0 18 * * 5", required = true) String cron,
        @Size(max = 64, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "How long each window stays open: days, hours, minutes and seconds, e.g. 2h, 1h30m, 3d; 1m to 366d.", examples = "62h", required = true) String duration,
        @Size(max = 64, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "The IANA time zone the cron expression is read in; daylight saving is followed.", examples = "Europe/Berlin", required = true) String timeZone) {
}
