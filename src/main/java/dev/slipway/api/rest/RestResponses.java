package dev.slipway.api.rest;

import java.net.URI;

import dev.slipway.api.Created;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/** How every REST resource answers creates and reads, so headers are the same everywhere. */
public final class RestResponses {
    /** Marks a response replayed from the idempotency store (nothing new was created). */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private RestResponses() {
    }

    public static <T> RestResponse<T> ok(T body, String etag) {
        return RestResponse.ResponseBuilder.ok(body).header("ETag", etag).build();
    }

    /** 201 with Location (the new resource under the request path) and ETag. */
    public static <T> RestResponse<T> created(Created<T> created, UriInfo uri, String name, String etag) {
        return RestResponse.ResponseBuilder.<T>created(locationOf(uri, name))
                .entity(created.resource())
                .header("ETag", etag)
                .header(REPLAYED_HEADER, String.valueOf(created.replayed()))
                .build();
    }

    /** 202 Accepted for work that continues in the background, with Location of the resource to watch. */
    public static <T> RestResponse<T> accepted(Created<T> created, URI location, String etag) {
        return RestResponse.ResponseBuilder.<T>create(RestResponse.Status.ACCEPTED)
                .entity(created.resource())
                .location(location)
                .header("ETag", etag)
                .header(REPLAYED_HEADER, String.valueOf(created.replayed()))
                .build();
    }

    public static URI locationOf(UriInfo uri, String child) {
        return uri.getAbsolutePathBuilder().path(child).build();
    }
}
