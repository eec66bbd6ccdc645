package dev.slipway.deployment;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authorizes an event stream's scope before its resource method runs. A Server-Sent Events
 * response writes its 200 head as soon as the method returns, so a 404 or 403 found later could
 * only end the stream silently; checked here, it reaches the caller as a problem response.
 */
public class WatchScopeFilter {

    /** Marks an SSE method whose application/environment/deployment scope is checked first. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface ScopeCheckedFirst {
    }

    private final Deployments service;

    public WatchScopeFilter(Deployments service) {
        this.service = service;
    }

    @ServerRequestFilter
    public Uni<Void> checkScope(ResourceInfo resource, UriInfo uri) {
        if (resource.getResourceMethod() == null || !resource.getResourceMethod().isAnnotationPresent(ScopeCheckedFirst.class)) {
            return Uni.createFrom().voidItem();
        }
        String application = first(uri, "application");
        String environment = first(uri, "environment");
        String deployment = uri.getPathParameters().getFirst("id");
        return service.authorizeWatch(application, environment, deployment);
    }

    private static String first(UriInfo uri, String name) {
        String fromPath = uri.getPathParameters().getFirst(name);
        return fromPath != null ? fromPath : uri.getQueryParameters().getFirst(name);
    }
}
