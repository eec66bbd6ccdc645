package dev.slipway.access;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.slipway.api.SlipwayException;
import dev.slipway.runtime.LogContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the authenticated identity (whichever API it arrived through) into a {@link Caller}.
 * The identity is read without blocking, so this works on the event loop.
 */
@ApplicationScoped
public class CallerResolver {
    private final CurrentIdentityAssociation identities;
    private final AccessConfig config;

    public CallerResolver(CurrentIdentityAssociation identities, AccessConfig config) {
        this.identities = identities;
        this.config = config;
    }

    /** The caller of the current request; from here on, its log lines name the caller too. */
    public Uni<Caller> current() {
        return identities.getDeferredIdentity().map(identity -> {
            Caller caller = toCaller(identity);
            LogContext.put(LogContext.CALLER, (caller.isServiceAccount() ? "service-account:" : "user:") + caller.name());
            return caller;
        });
    }

    Caller toCaller(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw new SlipwayException.Unauthenticated("a valid bearer token is required");
        }
        String subject = identity.getPrincipal().getName();
        String name = subject;
        Set<String> groups = new LinkedHashSet<>();
        String clientId = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            subject = jwt.getSubject() != null ? jwt.getSubject() : subject;
            clientId = serviceAccountClientId(jwt);
            name = clientId != null
                    ? clientId
                    : firstNonBlank(jwt.getClaim("preferred_username"), jwt.getName(), subject);
            groups.addAll(stringsAt(jwt, config.groupsClaim()));
        }
        Set<String> roles = Set.copyOf(identity.getRoles());
        boolean admin = config.adminGroups().stream().anyMatch(groups::contains)
                || config.adminRoles().stream().anyMatch(roles::contains);
        return new Caller(subject, name, Set.copyOf(groups), roles, admin, clientId);
    }

    /**
     * A token a client obtained for itself (client credentials grant) names no user. Keycloak
     * marks it with a {@code client_id} claim and the username {@code service-account-<client>};
     * other providers put the client in {@code azp} and make {@code sub} equal to it.
     */
    private static String serviceAccountClientId(JsonWebToken jwt) {
        String clientId = claimText(jwt, "client_id");
        String authorizedParty = claimText(jwt, "azp");
        String username = claimText(jwt, "preferred_username");
        if (clientId != null && (username == null || username.equals("service-account-" + clientId))) {
            return clientId;
        }
        if (authorizedParty != null && (authorizedParty.equals(jwt.getSubject())
                || (username != null && username.equals("service-account-" + authorizedParty)))) {
            return authorizedParty;
        }
        return null;
    }

    /**
     * The caller a binding subject names, for access checks on someone else's behalf. Group
     * memberships are only known from tokens, so a user here is in no groups.
     */
    public Caller forSubject(String subject) {
        int colon = subject == null ? -1 : subject.indexOf(':');
        String kind = colon < 0 ? "" : subject.substring(0, colon);
        String id = colon < 0 ? "" : subject.substring(colon + 1);
        if (id.isBlank()) {
            throw SlipwayException.Invalid.field("subject", "must be user:<name>, group:<group> or service-account:<client id>");
        }
        return switch (kind) {
            case "user" -> new Caller(id, id, Set.of(), Set.of(), false, null);
            case "service-account" -> new Caller(id, id, Set.of(), Set.of(), false, id);
            case "group" -> new Caller(subject, subject, Set.of(id), Set.of(), config.adminGroups().contains(id), null);
            default -> throw SlipwayException.Invalid.field("subject", "must be user:<name>, group:<group> or service-account:<client id>");
        };
    }

    /** Reads a claim that holds a string or list of strings, following a dotted path. */
    private static Set<String> stringsAt(JsonWebToken jwt, String path) {
        String[] segments = path.split("\\.");
        Object value = jwt.getClaim(segments[0]);
        for (int i = 1; i < segments.length && value != null; i++) {
            value = value instanceof JsonObject object
                    ? object.get(segments[i])
                    : value instanceof Map<?, ?> map ? map.get(segments[i]) : null;
        }
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof JsonArray array) {
            array.forEach(item -> addString(result, item));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> addString(result, item));
        } else if (value != null) {
            addString(result, value);
        }
        return result;
    }

    private static void addString(Set<String> into, Object value) {
        if (value instanceof JsonString string) {
            into.add(string.getString());
        } else if (value instanceof String string) {
            into.add(string);
        } else if (value instanceof JsonValue json && json.getValueType() == JsonValue.ValueType.STRING) {
            into.add(json.toString());
        }
    }

    private static String claimText(JsonWebToken jwt, String claim) {
        return firstNonBlank((Object) jwt.getClaim(claim));
    }

    private static String firstNonBlank(Object... candidates) {
        for (Object candidate : candidates) {
            String text = candidate instanceof JsonString s ? s.getString() : candidate == null ? null : candidate.toString();
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }
}
