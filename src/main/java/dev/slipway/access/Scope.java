package dev.slipway.access;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.slipway.api.Violations;

/**
 * Where a role binding applies: the whole platform, one application, or one application's
 * environments of one type. Written {@code platform}, {@code application:<app>} or
 * {@code application:<app>/environment-type:<type>}.
 */
public record Scope(String application, String environmentType) {
    public static final Scope PLATFORM = new Scope(null, null);
    /** Application and environment type names, as {@link Violations#SLUG} checks them. */
    private static final String SLUG = "[a-z][a-z0-9-]{1,38}[a-z0-9]";
    private static final Pattern SYNTAX = Pattern.compile("application:(" + SLUG + ")(?:/environment-type:(" + SLUG + "))?");

    public static Scope application(String application) {
        return new Scope(application, null);
    }

    /** Parses the written form, or returns null when it is not a scope. */
    public static Scope parse(String text) {
        if ("platform".equals(text)) {
            return PLATFORM;
        }
        Matcher matcher = text == null ? null : SYNTAX.matcher(text);
        if (matcher == null || !matcher.matches()) {
            return null;
        }
        return new Scope(matcher.group(1), matcher.group(2));
    }

    public boolean isPlatform() {
        return application == null;
    }

    @Override
    public String toString() {
        if (application == null) {
            return "platform";
        }
        return "application:" + application + (environmentType == null ? "" : "/environment-type:" + environmentType);
    }
}
