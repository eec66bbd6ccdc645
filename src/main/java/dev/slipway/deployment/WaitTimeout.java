package dev.slipway.deployment;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.slipway.api.SlipwayException;

/** Parses a long-poll timeout such as {@code 60s}, {@code 2m}, {@code 500ms} or plain seconds. */
public final class WaitTimeout {
    /** Also the contract's pattern for the timeout parameter. */
    static final String PATTERN = "^(\\d{1,6})(ms|s|m)?$";
    private static final Pattern DURATION = Pattern.compile(PATTERN);

    private WaitTimeout() {
    }

    public static Duration parse(String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw SlipwayException.Invalid.field("timeout", "must be a duration such as 60s, 2m or 500ms");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
