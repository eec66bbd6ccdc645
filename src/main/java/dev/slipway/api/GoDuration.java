package dev.slipway.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go writes them ({@code 72h}, {@code 1h30m}, {@code 90s}), the form CI tools and
 * kubectl users already type for lifetimes. Parsing is strict: one or more whole numbers each with
 * a unit of h, m or s, largest unit first, nothing else (no signs, fractions, spaces or bare numbers).
 * Deployments' long-poll timeout ({@code deployment.WaitTimeout}) keeps its own, older grammar
 * (bare seconds, milliseconds), which this one deliberately does not accept.
 */
public final class GoDuration {
    private static final Pattern FORM = Pattern.compile("^(?:(\\d{1,7})h)?(?:(\\d{1,9})m)?(?:(\\d{1,11})s)?$");

    private GoDuration() {
    }

    /** The duration, or a 400 naming the field; null text is null. Zero is refused: a lifetime must be positive. */
    public static Duration parse(String field, String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = FORM.matcher(text);
        if (text.isEmpty() || !matcher.matches()) {
            throw SlipwayException.Invalid.field(field, "must be a duration such as 72h, 30m or 1h30m");
        }
        Duration duration = Duration.ZERO;
        if (matcher.group(1) != null) {
            duration = duration.plusHours(Long.parseLong(matcher.group(1)));
        }
        if (matcher.group(2) != null) {
            duration = duration.plusMinutes(Long.parseLong(matcher.group(2)));
        }
        if (matcher.group(3) != null) {
            duration = duration.plusSeconds(Long.parseLong(matcher.group(3)));
        }
        if (duration.isZero()) {
            throw SlipwayException.Invalid.field(field, "must be longer than zero");
        }
        return duration;
    }

    /** The shortest Go form of a whole number of seconds: 72h, 1h30m, 45s; null stays null. */
    public static String format(Duration duration) {
        if (duration == null) {
            return null;
        }
        long seconds = duration.getSeconds();
        StringBuilder text = new StringBuilder();
        if (seconds / 3600 > 0) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 / 60 > 0) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0 || text.length() == 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }
}
