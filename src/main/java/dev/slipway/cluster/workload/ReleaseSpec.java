package dev.slipway.cluster.workload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The release step: a Job run to completion before any workload rolls out, for database
 * migrations and the like (Heroku's release phase, Argo CD's PreSync hooks). If it fails,
 * nothing rolls out and the deployment fails with ReleaseJobFailed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A Job run to completion in the environment before any workload rolls out (database migrations); its "
        + "failure fails the deployment with reason ReleaseJobFailed and the tail of its log, and nothing rolls out.")
public record ReleaseSpec(
        @Size(max = 10, message = "must have at most 10 containers") @Schema(description = "Containers of the job's pod (at least one, at most 10).", required = true) List<@Valid ContainerSpec> containers,
        @Min(value = 0, message = "must be between 0 and 10") @Max(value = 10, message = "must be between 0 and 10") @Schema(description = "Retries before the job counts as failed, 0 to 10; default 0.") Integer backoffLimit,
        @Min(value = 1, message = "must be between 1 and 86400") @Max(value = 86400, message = "must be between 1 and 86400") @Schema(description = "Seconds the job may run, 1 to 86400; default 600.") Integer activeDeadlineSeconds) {

    public static final int DEFAULT_DEADLINE_SECONDS = 600;

    public int backoffLimitOrDefault() {
        return backoffLimit == null ? 0 : backoffLimit;
    }

    public int deadlineOrDefault() {
        return activeDeadlineSeconds == null ? DEFAULT_DEADLINE_SECONDS : activeDeadlineSeconds;
    }
}
