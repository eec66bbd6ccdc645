package dev.slipway.deployment.score;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.Violations;

/**
 * What a schema-conforming Score document may ask for that Slipway cannot run yet. Each is refused
 * by name, so that nothing the author wrote is silently left out of the deployment. Checked on the
 * document as parsed, beside the schema, so an author sees both kinds of problem in one answer.
 */
final class ScoreSupport {
    private ScoreSupport() {
    }

    static void check(JsonNode document, Violations violations) {
        for (Map.Entry<String, JsonNode> container : document.path("containers").properties()) {
            container("containers." + container.getKey(), container.getValue(), violations);
        }
        for (Map.Entry<String, JsonNode> resource : document.path("resources").properties()) {
            if (given(resource.getValue().get("id"))) {
                violations.add("resources." + resource.getKey() + ".id", "is not supported yet: a resource belongs to the environment "
                        + "and is shared by the application's deployments there, but not with other applications");
            }
        }
    }

    private static void container(String field, JsonNode container, Violations violations) {
        if (given(container.get("files"))) {
            violations.add(field + ".files", "is not supported yet: Slipway cannot mount files into containers; "
                    + "pass the values as variables or through the application's configuration");
        }
        if (given(container.get("volumes"))) {
            violations.add(field + ".volumes", "is not supported yet: Slipway cannot mount volumes into containers");
        }
        if (".".equals(container.path("image").asText())) {
            violations.add(field + ".image", "'.' (an image built from the workload's sources) cannot be deployed; "
                    + "give the reference of the image your build pushed");
        }
        probe(field + ".livenessProbe", container.get("livenessProbe"), violations);
        probe(field + ".readinessProbe", container.get("readinessProbe"), violations);
    }

    private static void probe(String field, JsonNode probe, Violations violations) {
        if (probe == null || !probe.isObject()) {
            return;
        }
        if (probe.has("httpGet") == probe.has("exec")) {
            violations.add(field, "must have exactly one of httpGet or exec");
        }
        JsonNode httpGet = probe.path("httpGet");
        if ("HTTPS".equals(httpGet.path("scheme").asText())) {
            violations.add(field + ".httpGet.scheme", "HTTPS is not supported yet: Slipway probes over HTTP");
        }
        if (given(httpGet.get("host"))) {
            violations.add(field + ".httpGet.host", "is not supported: Slipway probes the container's own pod");
        }
        if (given(httpGet.get("httpHeaders"))) {
            violations.add(field + ".httpGet.httpHeaders", "are not supported yet: Slipway probes without extra headers");
        }
    }

    /** Present with something in it: an empty list asks for nothing, so it drops nothing. */
    private static boolean given(JsonNode value) {
        return value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty());
    }
}
