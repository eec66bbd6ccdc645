package dev.slipway.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects every problem with a request before failing, so a caller sees all invalid fields in
 * one answer rather than fixing them one round trip at a time.
 */
public final class Violations {
    /** Resource names: stable slugs usable in URLs and Kubernetes object names. */
    public static final Pattern SLUG = Pattern.compile(RequestLimits.SLUG);
    /** RFC 1123 DNS label, which a Kubernetes namespace must be. */
    public static final Pattern DNS_LABEL = Pattern.compile(RequestLimits.DNS_LABEL);
    /** Kubernetes label key: optional DNS-subdomain prefix and a name segment. */
    private static final Pattern LABEL_KEY = Pattern.compile(
            "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$");
    public static final int MAX_LABELS = RequestLimits.MAX_LABELS;

    private final List<FieldError> errors = new ArrayList<>();

    /** Adds a problem once: a declared limit and a hand-written check that say the same are one error. */
    public Violations add(String field, String message) {
        FieldError error = new FieldError(field, message);
        if (!errors.contains(error)) {
            errors.add(error);
        }
        return this;
    }

    public Violations required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(field, "is required");
        }
        return this;
    }

    public Violations slug(String field, String value) {
        if (value == null) {
            return add(field, "is required");
        }
        if (!SLUG.matcher(value).matches()) {
            add(field, RequestLimits.SLUG_MESSAGE);
        }
        return this;
    }

    public Violations optionalSlug(String field, String value) {
        return value == null ? this : slug(field, value);
    }

    public Violations maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters");
        }
        return this;
    }

    public Violations dnsLabel(String field, String value) {
        if (value != null && !DNS_LABEL.matcher(value).matches()) {
            add(field, RequestLimits.DNS_LABEL_MESSAGE);
        }
        return this;
    }

    public Violations httpUrl(String field, String value) {
        if (value == null) {
            return this;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                add(field, "must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            add(field, "must be an absolute http(s) URL");
        }
        return maxLength(field, value, 2048);
    }

    public Violations labels(String field, Map<String, String> labels) {
        if (labels == null) {
            return this;
        }
        if (labels.size() > MAX_LABELS) {
            add(field, "must have at most " + MAX_LABELS + " entries"); // the same words as @Size(message = MAX_ENTRIES)
        }
        labels.forEach((key, value) -> {
            if (key == null || key.length() > 253 || !LABEL_KEY.matcher(key).matches()) {
                add(field + "." + key, "is not a valid label key (Kubernetes label syntax)");
            }
            if (value == null) {
                add(field + "." + key, "must not be null");
            } else if (!LABEL_VALUE.matcher(value).matches()) {
                add(field + "." + key,
                        "is not a valid label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
            }
        });
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** How many problems were collected so far (a check can tell whether its own part added any). */
    public int count() {
        return errors.size();
    }

    /** Throws one {@link SlipwayException.Invalid} naming every collected problem, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid; see errors";
            throw new SlipwayException.Invalid(detail, errors);
        }
    }
}
