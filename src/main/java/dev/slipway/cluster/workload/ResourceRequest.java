package dev.slipway.cluster.workload;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Infrastructure a workload asks for by type, never by how it is provided: the platform's resource
 * definitions decide that per environment. The resource belongs to the environment and keeps its
 * name there, so later deployments of the environment share it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A resource the workload needs, such as a postgres database, provided by whichever resource definition matches the environment.")
public record ResourceRequest(
        @Schema(maxLength = 40, description = "Resource type, e.g. postgres, redis, s3, dns.", required = true, examples = "postgres") String type,
        @JsonProperty("class") @Schema(maxLength = 40, name = "class", description = "A variant of the type the definitions distinguish (e.g. large); default: default.", examples = "default") String resourceClass,
        @Size(max = RequestLimits.MAX_LABELS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Parameters for the driver that provisions it (e.g. a database version).", maxProperties = RequestLimits.MAX_LABELS) Map<String, Object> params) {

    /** The class a request without one asks for. */
    public static final String DEFAULT_CLASS = "default";

    /** The class, with the default filled in. */
    public String classOrDefault() {
        return resourceClass == null ? DEFAULT_CLASS : resourceClass;
    }
}
