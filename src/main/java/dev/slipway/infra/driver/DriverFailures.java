package dev.slipway.infra.driver;

import java.util.List;
import java.util.stream.Collectors;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;

/** The failure reasons drivers share, and how a definition's problems become a failed result. */
public final class DriverFailures {
    /** The definition's inputs do not validate (the definition changed, or predates a check). */
    public static final String INVALID_DEFINITION = "InvalidDefinition";
    /** The request's parameters do not fit the definition (e.g. a value a template cannot take). */
    public static final String INVALID_PARAMS = "InvalidParams";
    /** The resource did not become ready within the definition's timeout. */
    public static final String READINESS_TIMEOUT = "ReadinessTimeout";
    /** The cluster refused an object or could not be reached. */
    public static final String CLUSTER_ERROR = "ClusterError";

    private DriverFailures() {
    }

    /** A failed result listing every problem (field: message), or null when there are none. */
    public static ProvisionResult invalidDefinition(Violations violations, List<AppliedObject> applied) {
        try {
            violations.throwIfAny();
            return null;
        } catch (SlipwayException.Invalid invalid) {
            String problems = invalid.fieldErrors().stream().map(error -> error.field() + ": " + error.message())
                    .collect(Collectors.joining("; "));
            return ProvisionResult.failed(INVALID_DEFINITION, "the resource definition is invalid: " + problems, applied);
        }
    }
}
