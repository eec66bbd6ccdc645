package dev.slipway.operation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * getLogs answers JSON, or with follow=true a Server-Sent Events stream. JAX-RS picks a method by
 * path and media type, never by a query parameter, so a follow request is routed (before matching)
 * to a hidden method of its own. A stream's 200 head is written as soon as its method returns, so
 * that method's permission and parameters are checked here first, where a refusal still reaches
 * the caller as a problem response (as the deployment event streams do).
 */
public class LogFollowRoute {
    static final String FOLLOW_SEGMENT = "follow";

    /** Marks the method a follow request is routed to: its scope and parameters are checked here first. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface FollowTarget {
    }
    private static final Pattern LOGS_PATH = Pattern.compile("^/api/v1/applications/[^/]+/environments/[^/]+/logs/?$");

    private final Logs logs;

    public LogFollowRoute(Logs logs) {
        this.logs = logs;
    }

    @ServerRequestFilter(preMatching = true)
    public void route(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        String path = uri.getRequestUri().getRawPath();
        if (!"GET".equals(request.getMethod()) || path == null || !LOGS_PATH.matcher(path).matches()) {
            return;
        }
        String follow = uri.getQueryParameters().getFirst("follow");
        if (follow != null && "true".equalsIgnoreCase(follow.trim())) {
            request.setRequestUri(
                    uri.getRequestUriBuilder().replacePath((path.endsWith("/") ? path : path + "/") + FOLLOW_SEGMENT).build());
        }
    }

    @ServerRequestFilter
    public Uni<Void> checkFollow(ResourceInfo resource, UriInfo uri) {
        if (resource.getResourceMethod() == null || !resource.getResourceMethod().isAnnotationPresent(FollowTarget.class)) {
            return Uni.createFrom().voidItem();
        }
        var query = uri.getQueryParameters();
        LogQuery parsed = LogQuery.of(query.getFirst("workload"), query.getFirst("container"), query.getFirst("pod"),
                query.getFirst("tailLines"), query.getFirst("sinceSeconds"));
        return logs.authorizeFollow(uri.getPathParameters().getFirst("application"), uri.getPathParameters().getFirst("environment"),
                parsed);
    }
}
