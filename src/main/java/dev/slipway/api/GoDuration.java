package dev.slipway.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go writes them ({@code 72h}, {@code 1h30m}, {@code 90s}), the form CI tools and
 * kubectl users already type for lifetimes. Parsing is strict: one or more whole numbers each with
 * a unit of h, m or s, largest unit first, nothing else (no signs, fractions, spaces or bare numbers);
 * and, beyond Go, whole days ({@code 3d}, {@code 1d12h}), which lifetimes and freeze windows read
 * best in. Every duration of the API (lifetimes, freeze windows) is read here, so they share one
 * grammar.
 * Deployments' long-poll timeout ({@code deployment.WaitTimeout}) keeps its own, older grammar
 * (bare seconds, milliseconds), which this one deliberately does not accept.
 */
public final class GoDuration {
    private static final Pattern FORM = Pattern.compile("^(?:(\\d{1,5})d)?(?:(\\d{1,7})h)?(?:(\\d{1,9})m)?(?:(\\d{1,11})s)?$");

    private GoDuration() {
    }

    /** The duration, or a 400 naming the field; null text is null. Zero is refused: a lifetime must be positive. */
    public static Duration parse(String field, String text) {
        if (text == null) {
            return null;
        }
        Duration duration = parseOrNull(text);
        if (duration == null) {
            throw SlipwayException.Invalid.field(field, "must be a duration such as 72h, 30m, 1h30m or 3d");
        }
        if (duration.isZero()) {
            throw SlipwayException.Invalid.field(field, "must be longer than zero");
        }
        return duration;
    }

    /** The duration (zero included), or null when the text is not one. */
    public static Duration parseOrNull(String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text);
        if (matcher == null || text.isEmpty() || !matcher.matches()) {
            return null;
        }
        Duration duration = Duration.ZERO;
        long[] perUnit = { 86_400, 3_600, 60, 1 };
        for (int group = 1; group <= perUnit.length; group++) {
            if (matcher.group(group) != null) {
                duration = duration.plusSeconds(Long.parseLong(matcher.group(group)) * perUnit[group - 1]);
            }
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
