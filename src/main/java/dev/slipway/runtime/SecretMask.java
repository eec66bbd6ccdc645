package dev.slipway.runtime;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Hides the secret values Slipway knows of in text it shows from the cluster (log lines, a
 * failed release job's log tail): logs often print a connection string or a token. Values
 * shorter than {@value #MIN_LENGTH} characters are left alone: masking every "1" or "on" would
 * make logs unreadable and protect nothing.
 */
public final class SecretMask {
    public static final String MASK = "****";
    public static final int MIN_LENGTH = 4;

    private final List<String> values;

    public SecretMask(Collection<String> values) {
        // Longest first, so that a secret containing another is masked whole.
        this.values = values.stream().filter(v -> v != null && v.length() >= MIN_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static final SecretMask NONE = new SecretMask(List.of());

    /** The text with every known secret value replaced by {@value #MASK}. */
    public String apply(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String value : values) {
            masked = masked.replace(value, MASK);
        }
        return masked;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
