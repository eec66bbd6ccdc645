package dev.slipway.infra.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One definition of the requested type as matching judged it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A resource definition of the requested type, and whether and how it matches the request.")
public record MatchCandidate(
        @Schema(description = "Definition name.", examples = "postgres-production") String definition,
        @Schema(description = "Definition version (counts every change).") long version,
        @Schema(description = "The driver that would provide the resource.", examples = "static") String driver,
        @Schema(description = "Whether one of its criteria matches the request.") boolean matches,
        @Schema(description = "Its most specific criterion that matches; absent when none does.") Criterion criterion,
        @Schema(description = "The keys that criterion names (any, environmentType, environment, application, or a combination); "
                + "absent when none matches.", examples = "application+environment") String specificity,
        @Schema(description = "How specific that criterion is, 0 (any) to 7 (application, environment and environment type); higher "
                + "wins; absent when none matches.") Integer rank,
        @Schema(description = "Why it matches or not, in words.") String reason) {
}
