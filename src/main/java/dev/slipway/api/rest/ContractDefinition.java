package dev.slipway.api.rest;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * The contract's front matter: what the API is, where it is served, under which licence, and what
 * each tag groups. Generators name their API classes after the tags, so each tag says what its
 * class is for. Written by {@link ContractFilter} (SmallRye reads @OpenAPIDefinition only from a
 * JAX-RS Application, which this service does not need).
 */
final class ContractDefinition {
    static final Map<String, String> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put("Access", "Role bindings (who may do what, where), the access check (may this subject do that?) and the audit log.");
        TAGS.put("Applications", "Applications: the unit a team owns, deploys and configures.");
        TAGS.put("Clusters", "Kubernetes clusters Slipway deploys to, their credentials and health (admins).");
        TAGS.put("Configuration", "Configuration variables and encrypted secrets per application and environment, their revisions, "
                + "diffs and restores; secret key rotation.");
        TAGS.put("Deployments", "Deployments: create, wait, watch, cancel, approve, roll back and promote; drift; the event streams.");
        TAGS.put("Environment types", "Environment types (development, staging, production, ...): lifetimes, protection, approvals, "
                + "promotion order and routing (admins).");
        TAGS.put("Environments", "Environments of an application: create (or clone), extend, change and delete.");
        TAGS.put("Freezes", "Deployment freezes and sync windows.");
        TAGS.put("Infrastructure", "Resource types, resource definitions (how a resource is provisioned) and the resources provisioned "
                + "for environments.");
        TAGS.put("Operations", "Day-2 operations on what an environment runs: runtime state, logs, scale, restart.");
        TAGS.put("Webhooks", "Webhook subscriptions: signed CloudEvents for deployment, approval, freeze, expiry and resource events, "
                + "their delivery log and redelivery.");
    }

    private ContractDefinition() {
    }

    static void apply(OpenAPI openAPI) {
        openAPI.setInfo(OASFactory.createInfo()
                .title("Slipway API")
                .version("v1")
                .description("Headless internal developer platform: applications, environments, clusters, deployments, configuration "
                        + "and access. Unset fields are left out of responses, never written as null. Every error is an RFC 9457 "
                        + "problem document; each operation lists the statuses it can answer.")
                .license(OASFactory.createLicense().name("Apache-2.0").identifier("Apache-2.0"))
                .contact(OASFactory.createContact().name("Slipway platform team").url("https://slipway.dev")));
        openAPI.setServers(null);
        // x-internal: Slipway is an internal platform API, not offered to the public.
        openAPI.addServer(OASFactory.createServer().url("/")
                .description("The Slipway server that serves this document (production, staging or a local dev instance)")
                .addExtension("x-internal", true));
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(tag -> {
                if (tag.getDescription() == null) {
                    tag.setDescription(TAGS.getOrDefault(tag.getName(), tag.getName()));
                }
            });
            openAPI.setTags(openAPI.getTags().stream().sorted(Comparator.comparing(tag -> tag.getName())).toList());
        }
    }
}
