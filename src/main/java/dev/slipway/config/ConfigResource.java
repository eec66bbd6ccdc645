package dev.slipway.config;

import java.util.List;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.rest.ApiHeaders;
import dev.slipway.api.rest.Pages;
import dev.slipway.api.rest.RestResponses;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** REST adapter for an application's configuration: its base, its environments' effective configuration, revisions and diffs. */
@Path("/api/v1/applications/{application}")
@Authenticated
@Tag(name = "Configuration")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {
    private static final String CHANGE_DESCRIPTION = "Each change (one or many entries) is a new immutable revision; a request that "
            + "changes nothing makes none. Secret values are encrypted at rest and never returned. Deploy the change with a "
            + "deployment (configOnly: true reuses the current spec).";
    private final Configurations service;

    public ConfigResource(Configurations service) {
        this.service = service;
    }

    @GET
    @Path("config")
    @Operation(operationId = "getApplicationConfig", summary = "Get the base configuration", description = "Returns the application's base configuration, which every environment receives unless it overrides or removes an entry.")
    public Uni<RestResponse<ApplicationConfigView>> getApplicationConfig(
            @Parameter(description = "Application name.") @PathParam("application") String application) {
        return service.getApplicationConfig(application).map(view -> RestResponses.ok(view, view.etag()));
    }

    @PATCH
    @Path("config")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateApplicationConfig", summary = "Change the base configuration", description = "Sets, unsets or replaces entries of the base configuration. "
            + CHANGE_DESCRIPTION)
    public Uni<RestResponse<ApplicationConfigView>> updateApplicationConfig(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch,
            ConfigChangeRequest request) {
        return service.updateApplicationConfig(application, request, ifMatch).map(view -> RestResponses.ok(view, view.etag()));
    }

    @POST
    @Path("config:restore")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "restoreApplicationConfig", summary = "Restore the base configuration", description = "Makes a new revision whose base configuration equals the base as of an earlier revision.")
    public Uni<RestResponse<ApplicationConfigView>> restoreApplicationConfig(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch,
            RestoreConfigRequest request) {
        return service.restoreApplicationConfig(application, request, ifMatch).map(view -> RestResponses.ok(view, view.etag()));
    }

    @GET
    @Path("config/revisions")
    @Operation(operationId = "listConfigRevisions", summary = "Configuration history", description = "Lists the application's configuration revisions newest first; with environment, only those that "
            + "changed what the environment gets (its overrides and the base).")
    public Uni<ConfigRevisionPage> listConfigRevisions(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Only revisions that changed this environment's configuration.") @QueryParam("environment") String environment,
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken) {
        return service.listRevisions(application, emptyToNull(environment), Pages.size(pageSize), pageToken)
                .map(page -> new ConfigRevisionPage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path("config/revisions/{revision}")
    @Operation(operationId = "getConfigRevision", summary = "Get a configuration revision", description = "Returns one revision with what it changed and the complete entries of its scope after it.")
    public Uni<ConfigRevisionView> getConfigRevision(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Revision number.") @PathParam("revision") String revision) {
        return service.getRevision(application, revision);
    }

    @GET
    @Path("config/diff")
    @Operation(operationId = "diffConfig", summary = "Diff configurations", description = "What changes going from one configuration to another. Each of from and to is <n> (the base as of "
            + "revision n), <environment> (its effective configuration now) or <environment>@<n> (as of revision n): "
            + "from=staging&to=production shows what moving from staging's configuration to production's changes, "
            + "from=production@12&to=production what changed in production since revision 12. Secrets are compared by "
            + "value and shown by state only.")
    public Uni<ConfigDiffView> diffConfig(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "The configuration to compare from: <n>, <environment> or <environment>@<n>.", required = true) @QueryParam("from") String from,
            @Parameter(description = "The configuration to compare to: <n>, <environment> or <environment>@<n>.", required = true) @QueryParam("to") String to) {
        return service.diff(application, emptyToNull(from), emptyToNull(to));
    }

    @GET
    @Path("environments/{environment}/config")
    @Operation(operationId = "getEnvironmentConfig", summary = "Get an environment's configuration", description = "Returns the environment's effective configuration (base, then its overrides and removals), each entry "
            + "saying where it comes from; with revision, as of that revision.")
    public Uni<RestResponse<EnvironmentConfigView>> getEnvironmentConfig(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = "Show the configuration as of this revision instead of now.", schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("revision") String revision) {
        return service.getEnvironmentConfig(application, environment, revision(revision)).map(view -> RestResponses.ok(view, view.etag()));
    }

    @PATCH
    @Path("environments/{environment}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateEnvironmentConfig", summary = "Change an environment's overrides", description = "Sets, unsets or removes entries of the environment's overrides; remove: true hides a base entry in "
            + "this environment. " + CHANGE_DESCRIPTION)
    public Uni<RestResponse<EnvironmentConfigView>> updateEnvironmentConfig(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION
                    + " The environment's ETag changes with the base too.") @HeaderParam("If-Match") String ifMatch,
            ConfigChangeRequest request) {
        return service.updateEnvironmentConfig(application, environment, request, ifMatch).map(view -> RestResponses.ok(view, view.etag()));
    }

    @POST
    @Path("environments/{environment}/config:restore")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "restoreEnvironmentConfig", summary = "Restore an environment's overrides", description = "Makes a new revision whose overrides of the environment equal its overrides as of an earlier revision "
            + "(the base is left as it is).")
    public Uni<RestResponse<EnvironmentConfigView>> restoreEnvironmentConfig(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch,
            RestoreConfigRequest request) {
        return service.restoreEnvironmentConfig(application, environment, request, ifMatch)
                .map(view -> RestResponses.ok(view, view.etag()));
    }

    /**
     * Clients that percent-encode the ':' of a custom method (config%3Arestore) miss the routes
     * above, which match the raw path; this catches them, decodes, and dispatches the same way.
     */
    @POST
    @Path("config{method}")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<RestResponse<ApplicationConfigView>> encodedRestore(
            @PathParam("application") String application,
            @PathParam("method") String method,
            @HeaderParam("If-Match") String ifMatch, RestoreConfigRequest request) {
        if (!method.equals(":restore")) {
            throw new SlipwayException.NotFound("no method '" + method + "' on config; use :restore");
        }
        return restoreApplicationConfig(application, ifMatch, request);
    }

    @POST
    @Path("environments/{environment}/config{method}")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<RestResponse<EnvironmentConfigView>> encodedEnvironmentRestore(
            @PathParam("application") String application,
            @PathParam("environment") String environment,
            @PathParam("method") String method,
            @HeaderParam("If-Match") String ifMatch, RestoreConfigRequest request) {
        if (!method.equals(":restore")) {
            throw new SlipwayException.NotFound("no method '" + method + "' on config; use :restore");
        }
        return restoreEnvironmentConfig(application, environment, ifMatch, request);
    }

    private static Long revision(String revision) {
        if (revision == null || revision.isEmpty()) {
            return null;
        }
        try {
            return Long.valueOf(revision.trim());
        } catch (NumberFormatException e) {
            throw SlipwayException.Invalid.field("revision", "must be a revision number");
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Schema(description = "One page of configuration revisions.")
    public record ConfigRevisionPage(
            @Schema(description = "Revisions on this page, newest first.") List<ConfigRevisionView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
