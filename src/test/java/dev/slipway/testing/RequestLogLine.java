package dev.slipway.testing;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Tests only: one log line at the end of every REST request, where the caller and the application
 * are known, so the JSON log tests have a line of each request to read whatever the request did.
 * Off unless slipway.test.log-each-request=true (JsonLogsProfile).
 */
public class RequestLogLine {
    private static final Logger LOG = Logger.getLogger(RequestLogLine.class);

    @ConfigProperty(name = "slipway.test.log-each-request", defaultValue = "false")
    boolean enabled;

    @ServerResponseFilter
    public void served(ContainerRequestContext request, ContainerResponseContext response) {
        if (enabled) {
            LOG.infof("served %s %s: %d", request.getMethod(), request.getUriInfo().getPath(), response.getStatus());
        }
    }
}
