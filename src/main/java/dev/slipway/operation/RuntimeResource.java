package dev.slipway.operation;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/** REST adapter for an environment's runtime view, logs and day-2 operations. */
@Path("/api/v1/applications/{application}/environments")
@Authenticated
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class RuntimeResource {
    private final RuntimeViews runtime;
    private final Logs logs;
    private final WorkloadOperations operations;
    private final LogSse sse;

    public RuntimeResource(RuntimeViews runtime, Logs logs, WorkloadOperations operations, LogSse sse) {
        this.runtime = runtime;
        this.logs = logs;
        this.operations = operations;
        this.sse = sse;
    }

    @GET
    @Path("{environment}/runtime")
    @Operation(operationId = "getRuntime", summary = "What an environment runs now", description = "Per workload of the current "
            + "deployment: replicas (desired, ready, available, updated), the autoscaler's view, a cron job's last and active runs, each pod "
            + "with its containers' states (CrashLoopBackOff, OOMKilled, ImagePullBackOff show here) and the recent Kubernetes events. "
            + "Empty without a current deployment; 503 when the cluster cannot be read.")
    public Uni<RuntimeView> runtime(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment) {
        return runtime.runtime(application, environment);
    }

    @GET
    @Path("{environment}/logs")
    @APIResponse(responseCode = "200", description = "The lines (follow=false), or with follow=true a stream of Server-Sent Events "
            + "named log, one per line, each a LogLine as JSON.", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LogLine.Lines.class)),
                    @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = LogLine.class)) })
    @Operation(operationId = "getLogs", summary = "Read or follow logs", description = "Log lines of the current deployment's pods "
            + "(kubectl logs --timestamps), secret values Slipway knows of shown as ****. Takes a developer (logs.read). With "
            + "follow=true the answer is a stream that sends new lines as they are written and ends when the pods go away, after "
            + "slipway.logs.follow-max-lines lines (default 10000) or slipway.logs.follow-max-duration (default 15m); open a new one to go on.")
    public Uni<LogLine.Lines> logs(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = "Only this workload's pods; default: every workload.") @QueryParam("workload") String workload,
            @Parameter(description = "Only this container; default: every container of each pod.") @QueryParam("container") String container,
            @Parameter(description = "Only this pod.") @QueryParam("pod") String pod,
            @Parameter(description = "The last lines of each container's log.", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "5000", defaultValue = "100")) @QueryParam("tailLines") String tailLines,
            @Parameter(description = "Only lines of the last this many seconds (at most 7 days).", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "604800")) @QueryParam("sinceSeconds") String sinceSeconds,
            @Parameter(description = "true: stream new lines as Server-Sent Events.", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("follow") String follow) {
        LogQuery query = LogQuery.of(workload, container, pod, tailLines, sinceSeconds);
        LogQuery.follow(follow); // a value other than true or false is a 400; true never reaches here (see LogFollowRoute)
        return logs.read(application, environment, query);
    }

    /** The follow=true form of getLogs, reached through {@link LogFollowRoute}; checked by it before the stream opens. */
    @GET
    @Path("{environment}/logs/" + LogFollowRoute.FOLLOW_SEGMENT)
    @LogFollowRoute.FollowTarget
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true)
    public Multi<OutboundSseEvent> followLogs(
            @PathParam("application") String application,
            @PathParam("environment") String environment,
            @QueryParam("workload") String workload,
            @QueryParam("container") String container,
            @QueryParam("pod") String pod,
            @QueryParam("tailLines") String tailLines,
            @QueryParam("sinceSeconds") String sinceSeconds,
            @Context Sse sseFactory) {
        LogQuery query = LogQuery.of(workload, container, pod, tailLines, sinceSeconds);
        return RestMulti.fromUniResponse(logs.follow(application, environment, query), lines -> sse.toSse(lines, sseFactory));
    }

    @POST
    @Path("{environment}:scale")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "scaleEnvironment", summary = "Scale a workload", description = "Sets a service's or worker's replicas in "
            + "the cluster without a new release, and keeps the number as the environment's formation for the next deployment whose "
            + "spec does not set replicas. Takes what deploying takes. 409 for an autoscaled workload or without a current deployment; "
            + "400 for a cron or unknown workload.")
    public Uni<OperationResults.Scaled> scale(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            ScaleRequest request) {
        return operations.scale(application, environment, request);
    }

    @POST
    @Path("{environment}:restart")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "restartEnvironment", summary = "Restart workloads", description = "Replaces the pods of one service or "
            + "worker, or of every one, as kubectl rollout restart does (a rolling update). Takes what deploying takes. 409 without a "
            + "current deployment.")
    public Uni<OperationResults.Restarted> restart(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @RequestBody(required = false, description = "Optional; an empty body is the same as {}.") RestartRequest request) {
        return operations.restart(application, environment, request);
    }

    /** Clients that percent-encode the ':' of a custom method (name%3Ascale) miss the routes above; these answer the same way. */
    @POST
    @Path("{nameAndMethod: [^/]+%3[Aa]scale}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<OperationResults.Scaled> encodedScale(@PathParam("application") String application,
            @PathParam("nameAndMethod") String nameAndMethod, ScaleRequest request) {
        return scale(application, nameAndMethod.replaceFirst("(?i)(:|%3a)scale$", ""), request);
    }

    @POST
    @Path("{nameAndMethod: [^/]+%3[Aa]restart}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<OperationResults.Restarted> encodedRestart(@PathParam("application") String application,
            @PathParam("nameAndMethod") String nameAndMethod, RestartRequest request) {
        return restart(application, nameAndMethod.replaceFirst("(?i)(:|%3a)restart$", ""), request);
    }
}
