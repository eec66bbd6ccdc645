package dev.slipway.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * REST and gRPC offer the same operations. The table below is the one place that pairs them:
 * a REST operation or an RPC that appears on one side without a row here fails this test.
 */
class ApiParityTest {
    /** REST operationId (openapi/slipway.yaml) -> gRPC Service/Method (proto/slipway/v1). */
    static final Map<String, String> PAIRS = Map.ofEntries(
            Map.entry("createApplication", "ApplicationService/CreateApplication"),
            Map.entry("getApplication", "ApplicationService/GetApplication"),
            Map.entry("listApplications", "ApplicationService/ListApplications"),
            Map.entry("updateApplication", "ApplicationService/UpdateApplication"),
            Map.entry("deleteApplication", "ApplicationService/DeleteApplication"),
            Map.entry("createEnvironment", "EnvironmentService/CreateEnvironment"),
            Map.entry("getEnvironment", "EnvironmentService/GetEnvironment"),
            Map.entry("listEnvironments", "EnvironmentService/ListEnvironments"),
            Map.entry("updateEnvironment", "EnvironmentService/UpdateEnvironment"),
            Map.entry("deleteEnvironment", "EnvironmentService/DeleteEnvironment"),
            Map.entry("extendEnvironment", "EnvironmentService/ExtendEnvironment"),
            Map.entry("createEnvironmentType", "EnvironmentTypeService/CreateEnvironmentType"),
            Map.entry("getEnvironmentType", "EnvironmentTypeService/GetEnvironmentType"),
            Map.entry("listEnvironmentTypes", "EnvironmentTypeService/ListEnvironmentTypes"),
            Map.entry("updateEnvironmentType", "EnvironmentTypeService/UpdateEnvironmentType"),
            Map.entry("deleteEnvironmentType", "EnvironmentTypeService/DeleteEnvironmentType"),
            Map.entry("createCluster", "ClusterService/CreateCluster"),
            Map.entry("getCluster", "ClusterService/GetCluster"),
            Map.entry("listClusters", "ClusterService/ListClusters"),
            Map.entry("updateCluster", "ClusterService/UpdateCluster"),
            Map.entry("deleteCluster", "ClusterService/DeleteCluster"),
            Map.entry("checkClusterHealth", "ClusterService/CheckClusterHealth"),
            Map.entry("createDeployment", "DeploymentService/CreateDeployment"),
            Map.entry("getDeployment", "DeploymentService/GetDeployment"),
            Map.entry("listDeployments", "DeploymentService/ListDeployments"),
            Map.entry("cancelDeployment", "DeploymentService/CancelDeployment"),
            Map.entry("approveDeployment", "DeploymentService/ApproveDeployment"),
            Map.entry("rejectDeployment", "DeploymentService/RejectDeployment"),
            Map.entry("rollbackDeployment", "DeploymentService/RollbackDeployment"),
            Map.entry("getDrift", "DeploymentService/GetDrift"),
            Map.entry("getRuntime", "RuntimeService/GetRuntime"),
            Map.entry("getLogs", "RuntimeService/StreamLogs"),
            Map.entry("scaleEnvironment", "RuntimeService/ScaleEnvironment"),
            Map.entry("restartEnvironment", "RuntimeService/RestartEnvironment"),
            Map.entry("watchDeployment", "DeploymentService/WatchDeployments"),
            Map.entry("watchEvents", "DeploymentService/WatchDeployments"),
            Map.entry("getApplicationConfig", "ConfigService/GetApplicationConfig"),
            Map.entry("updateApplicationConfig", "ConfigService/UpdateApplicationConfig"),
            Map.entry("restoreApplicationConfig", "ConfigService/RestoreApplicationConfig"),
            Map.entry("getEnvironmentConfig", "ConfigService/GetEnvironmentConfig"),
            Map.entry("updateEnvironmentConfig", "ConfigService/UpdateEnvironmentConfig"),
            Map.entry("restoreEnvironmentConfig", "ConfigService/RestoreEnvironmentConfig"),
            Map.entry("listConfigRevisions", "ConfigService/ListConfigRevisions"),
            Map.entry("getConfigRevision", "ConfigService/GetConfigRevision"),
            Map.entry("diffConfig", "ConfigService/DiffConfig"),
            Map.entry("reencryptSecrets", "ConfigService/ReencryptSecrets"),
            Map.entry("createResourceType", "ResourceTypeService/CreateResourceType"),
            Map.entry("getResourceType", "ResourceTypeService/GetResourceType"),
            Map.entry("listResourceTypes", "ResourceTypeService/ListResourceTypes"),
            Map.entry("updateResourceType", "ResourceTypeService/UpdateResourceType"),
            Map.entry("deleteResourceType", "ResourceTypeService/DeleteResourceType"),
            Map.entry("createResourceDefinition", "ResourceDefinitionService/CreateResourceDefinition"),
            Map.entry("getResourceDefinition", "ResourceDefinitionService/GetResourceDefinition"),
            Map.entry("listResourceDefinitions", "ResourceDefinitionService/ListResourceDefinitions"),
            Map.entry("updateResourceDefinition", "ResourceDefinitionService/UpdateResourceDefinition"),
            Map.entry("deleteResourceDefinition", "ResourceDefinitionService/DeleteResourceDefinition"),
            Map.entry("matchResourceDefinition", "ResourceDefinitionService/MatchResourceDefinition"),
            Map.entry("createFreeze", "FreezeService/CreateFreeze"),
            Map.entry("getFreeze", "FreezeService/GetFreeze"),
            Map.entry("listFreezes", "FreezeService/ListFreezes"),
            Map.entry("deleteFreeze", "FreezeService/DeleteFreeze"),
            Map.entry("getActiveFreezes", "FreezeService/GetActiveFreezes"),
            Map.entry("listEnvironmentResources", "EnvironmentResourceService/ListEnvironmentResources"),
            Map.entry("getEnvironmentResource", "EnvironmentResourceService/GetEnvironmentResource"),
            Map.entry("createRoleBinding", "RoleBindingService/CreateRoleBinding"),
            Map.entry("getRoleBinding", "RoleBindingService/GetRoleBinding"),
            Map.entry("listRoleBindings", "RoleBindingService/ListRoleBindings"),
            Map.entry("deleteRoleBinding", "RoleBindingService/DeleteRoleBinding"),
            Map.entry("checkAccess", "AccessService/CheckAccess"),
            Map.entry("listAuditEvents", "AuditService/ListAuditEvents"),
            Map.entry("createWebhook", "WebhookService/CreateWebhook"),
            Map.entry("getWebhook", "WebhookService/GetWebhook"),
            Map.entry("listWebhooks", "WebhookService/ListWebhooks"),
            Map.entry("updateWebhook", "WebhookService/UpdateWebhook"),
            Map.entry("deleteWebhook", "WebhookService/DeleteWebhook"),
            Map.entry("listWebhookDeliveries", "WebhookService/ListWebhookDeliveries"),
            Map.entry("redeliverWebhookDelivery", "WebhookService/RedeliverWebhookDelivery"),
            Map.entry("pingWebhook", "WebhookService/PingWebhook"));
    /** RPCs whose REST counterpart is a mode of an operation above rather than an operation of its own. */
    static final Map<String, String> RPC_ONLY = Map.of(
            "DeploymentService/WaitDeployment", "getDeployment?waitFor=terminal");

    private static final Pattern SERVICE = Pattern.compile("^service\\s+(\\w+)\\s*\\{", Pattern.MULTILINE);
    private static final Pattern RPC = Pattern.compile("^\\s*rpc\\s+(\\w+)\\s*\\(", Pattern.MULTILINE);
    private static final Pattern OPERATION_ID = Pattern.compile("^\\s*operationId:\\s*(\\w+)\\s*$", Pattern.MULTILINE);

    @Test
    void everyRestOperationHasItsRpc() throws IOException {
        Set<String> operations = new TreeSet<>();
        Matcher matcher = OPERATION_ID.matcher(Files.readString(Path.of("openapi", "slipway.yaml")));
        while (matcher.find()) {
            operations.add(matcher.group(1));
        }
        assertEquals(new TreeSet<>(PAIRS.keySet()), operations, "REST operations and the parity table differ");
    }

    @Test
    void everyRpcHasItsRestOperation() throws IOException {
        Set<String> rpcs = new TreeSet<>();
        try (Stream<Path> protos = Files.list(Path.of("proto", "slipway", "v1"))) {
            for (Path proto : protos.filter(path -> path.toString().endsWith(".proto")).toList()) {
                String text = Files.readString(proto);
                Matcher service = SERVICE.matcher(text);
                while (service.find()) {
                    int end = text.indexOf("\n}", service.end());
                    Matcher rpc = RPC.matcher(text.substring(service.end(), end));
                    while (rpc.find()) {
                        rpcs.add(service.group(1) + "/" + rpc.group(1));
                    }
                }
            }
        }
        Set<String> paired = new TreeSet<>(PAIRS.values());
        paired.addAll(RPC_ONLY.keySet());
        assertEquals(paired, rpcs, "gRPC methods and the parity table differ");
    }
}
