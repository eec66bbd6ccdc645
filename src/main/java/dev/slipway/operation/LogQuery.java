package dev.slipway.operation;

import java.time.Duration;

import dev.slipway.api.Violations;

/**
 * Which log lines a caller asks for. Bounded, since every line crosses Slipway: at most
 * {@value #MAX_TAIL_LINES} lines per container, at most seven days back.
 *
 * @param workload     only this workload's pods; null: every workload of the current deployment
 * @param container    only this container; null: every container of each pod
 * @param pod          only this pod; null: every pod of the selected workloads
 * @param tailLines    the last lines of each container's log
 * @param sinceSeconds only lines younger than this; null: no limit but tailLines
 */
public record LogQuery(String workload, String container, String pod, int tailLines, Integer sinceSeconds) {
    public static final int DEFAULT_TAIL_LINES = 100;
    public static final int MAX_TAIL_LINES = 5000;
    public static final long MAX_SINCE_SECONDS = Duration.ofDays(7).toSeconds();

    /** Parses and checks the parameters as given (text, so that "abc" is a 400 naming the field, not a framework error). */
    public static LogQuery of(String workload, String container, String pod, String tailLines, String sinceSeconds) {
        Violations violations = new Violations();
        Integer tail = number(violations, "tailLines", tailLines, 1, MAX_TAIL_LINES);
        Integer since = number(violations, "sinceSeconds", sinceSeconds, 1, MAX_SINCE_SECONDS);
        violations.throwIfAny();
        return new LogQuery(blankToNull(workload), blankToNull(container), blankToNull(pod), tail == null ? DEFAULT_TAIL_LINES : tail,
                since);
    }

    /** Whether {@code follow} asks for a stream: true or false only, so that a typo is not silently a one-off read. */
    public static boolean follow(String follow) {
        if (follow == null || follow.isBlank() || "false".equalsIgnoreCase(follow.trim())) {
            return false;
        }
        if ("true".equalsIgnoreCase(follow.trim())) {
            return true;
        }
        Violations violations = new Violations();
        violations.add("follow", "must be true or false");
        violations.throwIfAny();
        return false;
    }

    private static Integer number(Violations violations, String field, String text, long min, long max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < min || value > max) {
                violations.add(field, "must be between " + min + " and " + max);
                return null;
            }
            return (int) value;
        } catch (NumberFormatException e) {
            violations.add(field, "must be a whole number between " + min + " and " + max);
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
