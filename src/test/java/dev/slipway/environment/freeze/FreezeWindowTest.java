package dev.slipway.environment.freeze;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When freezes are in force, asked with fixed instants: one-off windows, recurring ones in a time zone, across daylight saving. */
class FreezeWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aOneOffWindowIsInForceFromItsStartUntilBeforeItsEnd() {
        FreezeWindow window = FreezeWindow.oneOff(Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
        assertFalse(window.openingAt(Instant.parse("2026-11-26T23:59:59Z")).isPresent());
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), window.openingAt(Instant.parse("2026-11-27T00:00:00Z")).orElseThrow().end());
        assertTrue(window.openingAt(Instant.parse("2026-11-29T23:59:59Z")).isPresent());
        assertFalse(window.openingAt(Instant.parse("2026-11-30T00:00:00Z")).isPresent());
    }

    @Test
    void aOneOffWindowWithoutAnEndLastsUntilDeleted() {
        FreezeWindow window = FreezeWindow.oneOff(Instant.parse("2026-01-01T00:00:00Z"), null);
        var opening = window.openingAt(Instant.parse("2030-01-01T00:00:00Z")).orElseThrow();
        assertEquals(null, opening.end());
    }

    @Test
    void aRecurringWindowOpensAtItsCronTimeInItsZoneForItsDuration() {
        // Every Friday 18:00 Berlin time for 62 hours: the weekend, until Monday 08:00.
        FreezeWindow weekend = FreezeWindow.recurring("0 18 * * 5", Duration.ofHours(62), BERLIN);
        // Friday 2026-12-04 18:00 CET is 17:00 UTC.
        assertFalse(weekend.openingAt(Instant.parse("2026-12-04T16:59:59Z")).isPresent());
        var opening = weekend.openingAt(Instant.parse("2026-12-04T17:00:00Z")).orElseThrow();
        assertEquals(Instant.parse("2026-12-04T17:00:00Z"), opening.start());
        assertEquals(Instant.parse("2026-12-07T07:00:00Z"), opening.end());
        assertTrue(weekend.openingAt(Instant.parse("2026-12-06T12:00:00Z")).isPresent());
        assertTrue(weekend.openingAt(Instant.parse("2026-12-07T06:59:59Z")).isPresent());
        assertFalse(weekend.openingAt(Instant.parse("2026-12-07T07:00:00Z")).isPresent());
        assertFalse(weekend.openingAt(Instant.parse("2026-12-09T12:00:00Z")).isPresent());
    }

    @Test
    void aRecurringWindowFollowsDaylightSavingInItsZone() {
        // Nightly 22:00 Berlin time for 8 hours. Clocks went forward on Sunday 2026-03-29 at 02:00 CET.
        FreezeWindow nightly = FreezeWindow.recurring("0 22 * * *", Duration.ofHours(8), BERLIN);
        // Saturday 22:00 CET = 21:00 UTC; 8 hours of real time later is 05:00 UTC = 07:00 CEST.
        var saturday = nightly.openingAt(Instant.parse("2026-03-29T04:30:00Z")).orElseThrow();
        assertEquals(Instant.parse("2026-03-28T21:00:00Z"), saturday.start());
        assertEquals(Instant.parse("2026-03-29T05:00:00Z"), saturday.end());
        assertFalse(nightly.openingAt(Instant.parse("2026-03-29T05:00:00Z")).isPresent());
        // Sunday 22:00 CEST = 20:00 UTC: the window opens an hour earlier in UTC than the day before.
        assertFalse(nightly.openingAt(Instant.parse("2026-03-29T19:59:00Z")).isPresent());
        assertEquals(Instant.parse("2026-03-29T20:00:00Z"), nightly.openingAt(Instant.parse("2026-03-29T20:30:00Z")).orElseThrow().start());
        // And back in autumn (2026-10-25, 03:00 CEST -> 02:00 CET): Sunday 22:00 CET = 21:00 UTC.
        assertFalse(nightly.openingAt(Instant.parse("2026-10-25T20:30:00Z")).isPresent());
        assertTrue(nightly.openingAt(Instant.parse("2026-10-25T21:00:00Z")).isPresent());
    }

    @Test
    void aWindowOpeningInTheSkippedHourOpensWhenTheClockAllows() {
        // 02:30 does not exist in Berlin on 2026-03-29 (02:00 CET -> 03:00 CEST). As cron does, the window opens once the
        // time exists again, shifted by the gap: 03:30 CEST = 01:30 UTC, for its full hour; it is not skipped for the night.
        FreezeWindow early = FreezeWindow.recurring("30 2 * * *", Duration.ofHours(1), BERLIN);
        assertFalse(early.openingAt(Instant.parse("2026-03-29T01:15:00Z")).isPresent());
        var skipped = early.openingAt(Instant.parse("2026-03-29T01:45:00Z")).orElseThrow();
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), skipped.start());
        assertEquals(Instant.parse("2026-03-29T02:30:00Z"), skipped.end());
        // The next day it opens at 02:30 CEST = 00:30 UTC.
        assertEquals(Instant.parse("2026-03-30T00:30:00Z"), early.openingAt(Instant.parse("2026-03-30T00:45:00Z")).orElseThrow().start());
        // In autumn 02:30 happens twice (CEST, then CET); the window opens at the first, 00:30 UTC, and lasts one real hour.
        var twice = early.openingAt(Instant.parse("2026-10-25T00:45:00Z")).orElseThrow();
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), twice.start());
        assertEquals(Instant.parse("2026-10-25T01:30:00Z"), twice.end());
    }

    @Test
    void durationsAndCronExpressionsAreChecked() {
        assertEquals(Duration.ofHours(2), FreezeWindow.parseDuration("2h"));
        assertEquals(Duration.ofMinutes(90), FreezeWindow.parseDuration("1h30m"));
        assertEquals(Duration.ofDays(3).plusSeconds(5), FreezeWindow.parseDuration("3d5s"));
        assertThrows(IllegalArgumentException.class, () -> FreezeWindow.parseDuration(""));
        assertThrows(IllegalArgumentException.class, () -> FreezeWindow.parseDuration("2 hours"));
        assertThrows(IllegalArgumentException.class, () -> FreezeWindow.parseDuration("30m2h"));
        assertThrows(IllegalArgumentException.class, () -> FreezeWindow.parseCron("0 18 * *"));
        assertThrows(IllegalArgumentException.class, () -> FreezeWindow.parseCron("61 18 * * 5"));
    }
}
