package dev.slipway.environment.freeze;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.slipway.api.GoDuration;

/**
 * When a freeze is in force: a one-off window (start, optional end) or a recurring one (a Unix cron
 * expression read in a time zone, each opening lasting a fixed duration of real time). A pure
 * function of the instant asked about, so rules are tested with fixed instants.
 */
public final class FreezeWindow {
    private static final CronParser UNIX_CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    static final Duration MIN_DURATION = Duration.ofMinutes(1);
    static final Duration MAX_DURATION = Duration.ofDays(366);

    private final Instant start;
    private final Instant end;
    private final ExecutionTime cron;
    private final Duration duration;
    private final ZoneId zone;

    private FreezeWindow(Instant start, Instant end, ExecutionTime cron, Duration duration, ZoneId zone) {
        this.start = start;
        this.end = end;
        this.cron = cron;
        this.duration = duration;
        this.zone = zone;
    }

    /** @param end null: open until the freeze is deleted */
    public static FreezeWindow oneOff(Instant start, Instant end) {
        return new FreezeWindow(start, end, null, null, null);
    }

    /** @throws IllegalArgumentException when the expression is not a valid Unix cron expression */
    public static FreezeWindow recurring(String cron, Duration duration, ZoneId zone) {
        return new FreezeWindow(null, null, parseCron(cron), duration, zone);
    }

    /** A window that is open: since when, and until when (null: until the freeze is deleted). */
    public record Opening(Instant start, Instant end) {
    }

    /** The opening in force at the instant, if any: at or after its start and before its end. */
    public Optional<Opening> openingAt(Instant at) {
        if (cron == null) {
            boolean open = !at.isBefore(start) && (end == null || at.isBefore(end));
            return open ? Optional.of(new Opening(start, end)) : Optional.empty();
        }
        // The cron expression is read on the zone's wall clock, as cron does: each opening is a local
        // date-time, placed on the time line by the zone's rules. A time the clocks skip (spring
        // forward) opens as soon as it exists again, shifted by the gap, rather than not at all; a
        // time that happens twice (fall back) opens at its first occurrence. The latest opening to
        // start is the one that ends last, unless the skip moved it after the instant asked about:
        // then the one before may still be open.
        ZonedDateTime wallClock = at.atZone(zone).toLocalDateTime().atZone(ZoneOffset.UTC);
        ZonedDateTime thisMinute = wallClock.truncatedTo(ChronoUnit.MINUTES);
        Optional<ZonedDateTime> latest = cron.isMatch(thisMinute) ? Optional.of(thisMinute) : cron.lastExecution(wallClock);
        for (int i = 0; i < 2 && latest.isPresent(); i++) {
            Instant opened = ZonedDateTime.ofLocal(latest.get().toLocalDateTime(), zone, null).toInstant();
            if (!at.isBefore(opened)) {
                Instant closes = opened.plus(duration);
                return at.isBefore(closes) ? Optional.of(new Opening(opened, closes)) : Optional.empty();
            }
            latest = cron.lastExecution(latest.get());
        }
        return Optional.empty();
    }

    static ExecutionTime parseCron(String expression) {
        var parsed = UNIX_CRON.parse(expression.trim());
        parsed.validate();
        return ExecutionTime.forCron(parsed);
    }

    /**
     * A window's length, in the API's one duration grammar ({@link GoDuration}: 2h, 1h30m, 3d).
     *
     * @throws IllegalArgumentException when the text is not such a duration
     */
    public static Duration parseDuration(String text) {
        Duration duration = GoDuration.parseOrNull(text);
        if (duration == null) {
            throw new IllegalArgumentException("must be days, hours, minutes and seconds such as 2h, 1h30m or 3d");
        }
        return duration;
    }
}
