package dev.slipway.api;

/**
 * The limits request records declare in Bean Validation annotations, named once so that the
 * annotations, the hand-written checks and the messages callers read agree.
 */
public final class RequestLimits {
    /** Resource names: stable slugs usable in URLs and Kubernetes object names. */
    public static final String SLUG = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$";
    public static final String SLUG_MESSAGE = "must be 3-40 characters of lower-case letters, digits and '-', start with a letter and not end with '-' ("
            + SLUG + ")";
    /** RFC 1123 DNS label, which a Kubernetes namespace must be. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    public static final String DNS_LABEL_MESSAGE = "must be a DNS label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit";
    /** The message of every {@code @Size} on a string: the same words as {@link Violations#maxLength}. */
    public static final String MAX_CHARACTERS = "must be at most {max} characters";
    /** The message of every {@code @Size} on a list or map. */
    public static final String MAX_ENTRIES = "must have at most {max} entries";
    public static final String REQUIRED = "is required";

    /** A name, group, reference or other identifier-like string with no rule of its own. */
    public static final int SHORT_TEXT = 253;
    /** Free text: reasons, comments, short descriptions. */
    public static final int TEXT = 4000;
    /** Long values: URLs, commands, configuration values referenced inline. */
    public static final int LONG_TEXT = 4096;
    /** Labels and annotations on one object, as Kubernetes allows in practice. */
    public static final int MAX_LABELS = 64;
    /** Lists in a request (containers, ports, routes, criteria, ...). */
    public static final int MAX_ITEMS = 100;

    private RequestLimits() {
    }
}
