package dev.slipway.infra.definition;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * When a resource definition serves a request: every key it names must equal the request's, and
 * its class the request's class. The more it names, the more specific it is (see {@link Specificity}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "When the definition serves a request: each key given must equal the request's; an empty criterion matches "
        + "every request of its class. Most specific wins: application+environment, application, environment, environment type, none.")
public record Criterion(
        @Size(max = 40, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Environment type the request's environment must be of.", examples = "production") String environmentType,
        @Size(max = 40, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Environment name the request's environment must have.", examples = "staging") String environment,
        @Size(max = 40, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Application the request must come from.", examples = "checkout") String application,
        @Size(max = 40, message = RequestLimits.MAX_CHARACTERS) @JsonProperty("class") @Schema(name = "class", description = "Class the request must ask for; default: default.", examples = "default") String resourceClass) {

    /** The class a criterion or request without one has. */
    public static final String DEFAULT_CLASS = "default";

    /** The same criterion with its class spelled out, as it is stored and compared. */
    public Criterion withDefaults() {
        return new Criterion(environmentType, environment, application, classOrDefault());
    }

    @JsonIgnore
    public String classOrDefault() {
        return resourceClass == null ? DEFAULT_CLASS : resourceClass;
    }

    /** The criterion as its keys, for messages: {application=shop, class=default}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        append(text, "environmentType", environmentType);
        append(text, "environment", environment);
        append(text, "application", application);
        append(text, "class", classOrDefault());
        return text.append('}').toString();
    }

    private static void append(StringBuilder text, String key, String value) {
        if (value != null) {
            text.append(text.length() > 1 ? ", " : "").append(key).append('=').append(value);
        }
    }
}
