package dev.slipway.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Audits every refused token (bad signature, wrong issuer or audience, expired, unknown key...),
 * whichever API it arrived through. The reason is a fixed phrase chosen from the failure, never
 * the failure's text, which can quote the token itself.
 */
@ApplicationScoped
public class AuthenticationAudit {
    private static final Logger LOG = Logger.getLogger(AuthenticationAudit.class);
    private static final Pattern CLAIMED_SUBJECT = Pattern.compile("\"(?:preferred_username|sub)\"\\s*:\\s*\"([^\"]{1,100})\"");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._@:-]{1,100}");

    private final AuditLog audit;

    public AuthenticationAudit(AuditLog audit) {
        this.audit = audit;
    }

    void onFailure(@Observes AuthenticationFailureEvent event) {
        String reason = classify(event.getAuthenticationFailure());
        String claimed = claimedSubject(event);
        AuditLog.Entry entry = new AuditLog.Entry("anonymous", "ANONYMOUS", "authentication", "token", null, null, "DENIED",
                "bearer token refused: " + reason + (claimed == null ? "" : " (unverified subject claim '" + claimed + "')"));
        audit.recordNow(entry).subscribe().with(ignored -> {
        }, failure -> LOG.warnf("could not audit a refused token: %s", failure.getMessage()));
    }

    /** A fixed description of why a token was refused, from the failure chain's messages. */
    static String classify(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 20_000; cause = cause.getCause()) {
            text.append(' ').append(cause.getClass().getSimpleName()).append(' ').append(cause.getMessage());
        }
        String all = text.toString().toLowerCase(Locale.ROOT);
        if (all.contains("expired") || all.contains("expiration time")) {
            return "expired";
        }
        if (all.contains("not before") || all.contains("nbf") || all.contains("not yet valid")) {
            return "not yet valid";
        }
        if (all.contains("issuer") || all.contains("(iss)")) {
            return "wrong issuer";
        }
        if (all.contains("audience") || all.contains("(aud)")) {
            return "audience not accepted";
        }
        if (all.contains("kid") || all.contains("no matching key") || all.contains("unresolvable key") || all.contains("key resolution")) {
            return "no key of the provider matches the token";
        }
        if (all.contains("algorithm") || all.contains("alg")) {
            return "signature algorithm not accepted";
        }
        if (all.contains("signature")) {
            return "invalid signature";
        }
        return "invalid token";
    }

    /**
     * The subject the refused token claims, read without trusting it from the request's
     * Authorization header, when it is harmless to store.
     */
    private static String claimedSubject(AuthenticationFailureEvent event) {
        for (Object property : event.getEventProperties().values()) {
            if (property instanceof RoutingContext context) {
                String header = context.request().getHeader("Authorization");
                String[] parts = header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? new String[0]
                        : header.substring(7).trim().split("\\.");
                if (parts.length < 2) {
                    return null;
                }
                try {
                    Matcher matcher = CLAIMED_SUBJECT.matcher(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
                    return matcher.find() && SAFE.matcher(matcher.group(1)).matches() ? matcher.group(1) : null;
                } catch (IllegalArgumentException notBase64) {
                    return null;
                }
            }
        }
        return null;
    }
}
