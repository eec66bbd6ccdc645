package dev.slipway.infra.placeholder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.api.FieldError;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ResourceRequest;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.infra.driver.ResourceTypeOutputs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadPlaceholdersTest {
    private static final ResourceTypeOutputs POSTGRES = new ResourceTypeOutputs("postgres",
            Map.of("host", false, "port", false, "name", false, "username", false, "password", true, "url", true));
    private static final String SECRET = "pa55-canary";

    private static WorkloadSpec spec(Map<String, String> env, List<String> args) {
        return new WorkloadSpec(List.of(new ContainerSpec("web", "nginx:1.27", null, args, env, null, null, null, null)), null, null,
                Map.of("db", new ResourceRequest("postgres", null, null)));
    }

    private static List<String> problems(WorkloadSpec spec, Map<String, String> config) {
        Violations violations = new Violations();
        WorkloadPlaceholders.check(spec, config, type -> type.equals("postgres") ? POSTGRES : null, violations);
        try {
            violations.throwIfAny();
            return List.of();
        } catch (SlipwayException.Invalid e) {
            return e.fieldErrors().stream().map(FieldError::field).toList();
        }
    }

    @Test
    void knownReferencesPassAndEveryBadOneIsNamedByItsPath() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_HOST", "${resources.db.host}");
        env.put("DB_PASSWORD", "${resources.db.password}");
        env.put("NAME", "${metadata.name}-${environment.name}.${environment.namespace}/${application.name}");
        env.put("LITERAL", "$${resources.nothing.here}");
        assertEquals(List.of(), problems(spec(env, List.of("--port=${resources.db.port}")), Map.of("URL", "${resources.db.url}")));

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("UNDECLARED", "${resources.cache.host}");
        bad.put("NO_OUTPUT", "${resources.db.hostname}");
        bad.put("UNKNOWN_ROOT", "${secrets.x}");
        bad.put("UNCLOSED", "${resources.db.host");
        assertEquals(List.of("spec.containers[0].env.UNDECLARED", "spec.containers[0].env.NO_OUTPUT", "spec.containers[0].env.UNKNOWN_ROOT",
                "spec.containers[0].env.UNCLOSED", "spec.containers[0].args[0]", "config.BAD"),
                problems(spec(bad, List.of("--password=${resources.db.password}")), Map.of("BAD", "${metadata.labels}")));
    }

    @Test
    void anUnknownResourceTypeIsReportedOnceAtItsDeclaration() {
        WorkloadSpec spec = new WorkloadSpec(List.of(new ContainerSpec("web", "nginx", null, null, Map.of("Q", "${resources.q.url}"), null,
                null, null, null)), null, null, Map.of("q", new ResourceRequest("kafka", null, null)));
        assertEquals(List.of("spec.resources.q.type"), problems(spec, Map.of()));
    }

    @Test
    void secretOutputsTravelOnlyAsSecrets() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_HOST", "${resources.db.host}");
        env.put("DB_URL", "jdbc:${resources.db.url}");
        WorkloadPlaceholders.Context context = new WorkloadPlaceholders.Context("shop", "shop", "dev", "shop-dev",
                Map.of("db", new WorkloadPlaceholders.Outputs(Map.of("host", "db.shop-dev.svc", "port", "5432"),
                        Map.of("url", "postgres://u:" + SECRET + "@db", "password", SECRET))));
        WorkloadPlaceholders.Resolved resolved = WorkloadPlaceholders.resolve(spec(env, List.of("--port=${resources.db.port}")),
                Map.of("PLAIN", "${resources.db.host}", "PASSWORD", "${resources.db.password}"), context);

        ContainerSpec web = resolved.spec().containers().get(0);
        assertEquals(Map.of("DB_HOST", "db.shop-dev.svc"), web.env());
        assertEquals(List.of("--port=5432"), web.args());
        assertEquals(Map.of("web", Map.of("DB_URL", "jdbc:postgres://u:" + SECRET + "@db")), resolved.containerSecrets());
        assertEquals(Map.of("PLAIN", "db.shop-dev.svc"), resolved.configVariables());
        assertEquals(Map.of("PASSWORD", SECRET), resolved.configSecrets());
        assertFalse(resolved.toString().contains(SECRET));
        assertFalse(context.toString().contains(SECRET));
        assertTrue(resolved.spec().toString().contains("db.shop-dev.svc"));
        assertFalse(resolved.spec().toString().contains(SECRET), "the spec that is rendered and recorded holds no secret");
    }
}
