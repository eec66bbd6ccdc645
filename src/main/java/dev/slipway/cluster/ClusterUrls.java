package dev.slipway.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.slipway.api.Violations;

/**
 * The rules for a cluster's API URL: https only (plain http only for a loopback address, and only
 * where {@link ClustersConfig#allowHttpLoopback()} is on: dev mode and tests); no user name or
 * password in it, since the URL is shown to every reader of the cluster; no query or fragment.
 * Host names are never resolved here: "localhost" is the one loopback name.
 */
public final class ClusterUrls {
    private static final int MAX_LENGTH = 2048;
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("^127(\\.\\d{1,3}){3}$");

    private ClusterUrls() {
    }

    /** Adds a violation for {@code field} when the URL breaks a rule; a null URL passes (required-ness is the caller's). */
    public static Violations check(Violations violations, String field, String url, boolean allowHttpLoopback) {
        String problem = problem(url, allowHttpLoopback);
        return problem == null ? violations : violations.add(field, problem);
    }

    /** What is wrong with the URL, or null when nothing is. */
    public static String problem(String url, boolean allowHttpLoopback) {
        if (url == null) {
            return null;
        }
        if (url.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute https URL";
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "must be an absolute https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain a user name or password (every reader of the cluster sees its URL); submit credentials instead";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or fragment";
        }
        if (scheme.equals("http") && !(allowHttpLoopback && isLoopback(uri.getHost()))) {
            return "must use https" + (allowHttpLoopback ? " (plain http is accepted for loopback addresses only)" : "");
        }
        return null;
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || IPV4_LOOPBACK.matcher(lower).matches() || lower.equals("::1")
                || lower.equals("0:0:0:0:0:0:0:1");
    }
}
