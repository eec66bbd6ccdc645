package dev.slipway.api.rest;

import java.util.List;
import java.util.Map;

import dev.slipway.api.NulCharacter;
import dev.slipway.api.SlipwayException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses NUL ({@code %00}) in a path or query parameter before any filter or resource uses it:
 * a name holding NUL can never exist, and reaching the store with it fails the query. It runs
 * after matching, so the problem names the parameter as the contract does; it runs before every
 * other filter (the event-stream scope check reads parameters too).
 */
public class NulParameters {

    @ServerRequestFilter(priority = 1)
    public void refuseNul(UriInfo uri) {
        refuse(uri.getPathParameters(), "path");
        refuse(uri.getQueryParameters(), "query");
    }

    private static void refuse(MultivaluedMap<String, String> parameters, String where) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            boolean refused = NulCharacter.in(parameter.getKey()) || parameter.getValue().stream().anyMatch(NulCharacter::in);
            if (refused) {
                throw SlipwayException.Invalid.field(parameter.getKey().replace("\0", "%00"),
                        NulCharacter.MESSAGE + " (" + where + " parameter)");
            }
        }
    }
}
