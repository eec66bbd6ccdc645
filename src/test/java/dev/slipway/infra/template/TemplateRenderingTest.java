package dev.slipway.infra.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.infra.ResourceTypes;
import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.infra.driver.ProvisionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rendering templates into objects and outputs, and what templates cannot reach. */
class TemplateRenderingTest {

    private final Templates templates = new Templates();

    @Test
    void theShippedPostgresRendersLabelledObjectsInTheNamespace() {
        ProvisionContext context = context(Map.of("version", 16, "storage", "5Gi"), Map.of("password", "generated-pw"));
        String template = (String) ShippedDefinitions.load("dev-postgres").driverInputs().values().get("template");

        List<HasMetadata> objects = RenderedObjects.parse(render(template, context), "shop-dev", context.labels());

        assertEquals(List.of("Secret/db-postgres", "Service/db-postgres", "StatefulSet/db-postgres"),
                objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
        for (HasMetadata object : objects) {
            assertEquals("shop-dev", object.getMetadata().getNamespace());
            assertEquals(
                    Map.of("app.kubernetes.io/managed-by", "slipway", "slipway.dev/application", "shop", "slipway.dev/environment", "dev",
                            "slipway.dev/resource", "db"),
                    object.getMetadata().getLabels());
        }
        StatefulSet statefulSet = assertInstanceOf(StatefulSet.class, objects.get(2), "known kinds come back typed");
        assertEquals("postgres:16", statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("5Gi", statefulSet.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage")
                .toString());
        assertEquals("generated-pw", ((Secret) objects.get(0)).getStringData().get("POSTGRES_PASSWORD"));
        assertEquals("app", ((Secret) objects.get(0)).getStringData().get("POSTGRES_USER"), "a default for a missing param");
    }

    @Test
    void customKindsComeBackGeneric() {
        List<HasMetadata> objects = RenderedObjects.parse(
                "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 2\n",
                "ns", Map.of());
        assertInstanceOf(GenericKubernetesResource.class, objects.get(0));
    }

    @Test
    void aRenderThatIsNotObjectsForTheNamespaceIsAClearFailure() {
        assertEquals("the rendered template is not valid YAML: mapping values are not allowed here (line 1)",
                invalid("kind: a: b: c"));
        assertEquals("document 1 is not a Kubernetes object (a mapping with apiVersion, kind and metadata.name)", invalid("- a\n- b\n"));
        assertEquals("document 2 needs apiVersion, kind and metadata.name",
                invalid("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nkind: ConfigMap\n"));
        assertEquals("document 1 (ConfigMap/a): objects go into the environment's namespace ns, not kube-system",
                invalid("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: kube-system\n"));
        assertEquals("document 1 (Namespace/x): templates do not create namespaces; their objects go into the environment's namespace",
                invalid("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n"));
        assertEquals("document 2: ConfigMap/a appears twice in the template",
                invalid("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"));
        assertEquals("the rendered template holds no objects", invalid("---\n"));
        assertEquals(
                "document 1 (StatefulSet/s) does not fit kind StatefulSet at io.fabric8.kubernetes.api.model.apps.StatefulSet[\"spec\"]"
                        + "->io.fabric8.kubernetes.api.model.apps.StatefulSetSpec[\"replicas\"]",
                invalid("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  replicas: secret-value\n"));
    }

    @Test
    void aYamlErrorNeverQuotesTheRenderedText() {
        String message = invalid("apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\nstringData:\n  password: \"hunter2\n");
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void templatesReachNeitherConfigurationNorBeansNorJavaNorFiles() {
        Map<String, Object> data = TemplateData.of(context(Map.of(), Map.of()));
        for (String template : List.of("{config:quarkus.datasource.password}", "{inject:secretKeyring}", "{resource.getClass()}",
                "{resource.class.name}", "{#include /etc/passwd /}", "{params.missing}")) {
            assertThrows(RuntimeException.class, () -> Templates.render(templates.parse(template), data), template);
        }
        assertEquals("db-app", Templates.render(templates.parse("{resource + '-app'}"), data));
        assertEquals("17", Templates.render(templates.parse("{params.version ?: 17}"), data));
    }

    @Test
    void paramsThatCouldSmuggleYamlAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TemplateData.of(context(Map.of("tags", List.of("ok", "x\n  hostNetwork: true")), Map.of())));
        assertEquals("params.tags[1] must not contain line breaks or other control characters", refused.getMessage());
    }

    @Test
    void outputsComputeFromParamsAndGeneratedValues() {
        Map<String, Object> data = TemplateData.of(context(Map.of("database", "orders"), Map.of("password", "pw")));
        String url = "postgresql://{params.username ?: 'app'}:{generated.password}@{resource}-postgres.{namespace}.svc:5432/{params.database ?: 'app'}";
        assertEquals("postgresql://app:pw@db-postgres.shop-dev.svc:5432/orders", Templates.render(templates.parse(url), data));
    }

    private String invalid(String rendered) {
        return assertThrows(RenderedObjects.InvalidRender.class, () -> RenderedObjects.parse(rendered, "ns", Map.of())).getMessage();
    }

    private String render(String template, ProvisionContext context) {
        return Templates.render(templates.parse(template), TemplateData.of(context));
    }

    private static ProvisionContext context(Map<String, Object> params, Map<String, String> generated) {
        return new ProvisionContext("shop", "dev", "shop-dev", "db", ResourceTypes.POSTGRES, new HashMap<>(params),
                new DriverInputs(Map.of(), Map.of()), generated, null, null);
    }
}
