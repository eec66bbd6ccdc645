package dev.slipway.cluster.render;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference split into its parts: {@code [registry[:port]/]repository[:tag][@sha256:<hex>]}.
 *
 * <p>The grammar follows the OCI distribution reference: the first path segment is a registry
 * only when it contains a '.' or a ':' or is {@code localhost}, so {@code Acme/app} is an
 * upper-case repository (refused), not a registry called "Acme".
 *
 * @param registry registry host with optional port, or null for the default registry
 * @param repository lower-case repository path, e.g. {@code acme/checkout}
 * @param tag tag, or null
 * @param digest hex of the sha256 digest (64 characters), or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    /** Longest registry + repository the distribution spec allows. */
    static final int MAX_NAME_LENGTH = 255;

    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern REGISTRY = Pattern.compile(
            "(" + DOMAIN_COMPONENT.pattern() + "(\\." + DOMAIN_COMPONENT.pattern() + ")*|\\[[a-fA-F0-9:]+\\])(:[0-9]{1,5})?");
    /** One path segment: lower-case alphanumerics joined by '.', '_', "__" or runs of '-'. */
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    /** Parses an image reference; the error says what is wrong, for a field error. */
    public static Result parse(String image) {
        if (image == null || image.isEmpty()) {
            return Result.error("is required");
        }
        if (WHITESPACE.matcher(image).find()) {
            return Result.error("must not contain whitespace");
        }
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digestPart = rest.substring(at + 1);
            if (!DIGEST.matcher(digestPart).matches()) {
                return Result.error("digest must be sha256: followed by 64 lower-case hex digits");
            }
            digest = digestPart.substring("sha256:".length());
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            if (!TAG.matcher(tag).matches()) {
                return Result.error("tag must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
            }
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty()) {
            return Result.error("repository is required");
        }
        if (rest.length() > MAX_NAME_LENGTH) {
            return Result.error("registry and repository must be at most " + MAX_NAME_LENGTH + " characters");
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!REGISTRY.matcher(first).matches()) {
                    return Result.error("registry must be a host name or IP address with an optional port");
                }
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        for (String component : rest.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                return Result.error(component.equals(component.toLowerCase(Locale.ROOT))
                        ? "repository path segments must be lower-case letters and digits separated by '.', '_', '__' or '-'"
                        : "repository must be lower case");
            }
        }
        return new Result(Optional.of(new ImageReference(registry, rest, tag, digest)), null);
    }

    /** Either a parsed reference or why the text is not one. */
    public record Result(Optional<ImageReference> reference, String error) {
        static Result error(String message) {
            return new Result(Optional.empty(), message);
        }
    }
}
