package dev.slipway.config;

import java.time.Duration;
import java.util.List;

import dev.slipway.grpc.v1.ConfigProto;
import dev.slipway.grpc.v1.ConfigService;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.config.ConfigResourceTest.ALICE;
import static dev.slipway.config.ConfigResourceTest.BOB;
import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.reason;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ConfigService over gRPC: every RPC, through the same service layer as REST, with the same errors. */
@QuarkusTest
class ConfigGrpcServiceTest {
    private static final Duration CALL = Duration.ofSeconds(10);

    @GrpcClient("slipway")
    ConfigService client;

    private static ConfigProto.ConfigChange value(String name, String value) {
        return ConfigProto.ConfigChange.newBuilder().setName(name).setValue(value).build();
    }

    private ConfigProto.ApplicationConfig updateBase(String app, String etag, ConfigProto.ConfigChange... changes) {
        return as(client, ALICE).updateApplicationConfig(ConfigProto.UpdateApplicationConfigRequest.newBuilder().setApplication(app)
                .addAllChanges(List.of(changes)).setMessage("grpc").setEtag(etag).build()).await().atMost(CALL).getConfig();
    }

    private ConfigProto.EnvironmentConfig updateEnvironment(String app, String env, ConfigProto.ConfigChange... changes) {
        return as(client, ALICE).updateEnvironmentConfig(ConfigProto.UpdateEnvironmentConfigRequest.newBuilder().setApplication(app)
                .setEnvironment(env).addAllChanges(List.of(changes)).build()).await().atMost(CALL).getConfig();
    }

    @Test
    void changesReadsAndRestoresTheBaseAndAnEnvironment() {
        String app = ConfigResourceTest.newApp();
        ConfigProto.ApplicationConfig empty = as(client, BOB)
                .getApplicationConfig(ConfigProto.GetApplicationConfigRequest.newBuilder().setApplication(app).build())
                .await().atMost(CALL).getConfig();
        assertEquals(0, empty.getRevision());
        assertEquals("\"0\"", empty.getEtag());

        ConfigProto.ApplicationConfig base = updateBase(app, empty.getEtag(), value("LOG_LEVEL", "info"), value("DEBUG", "on"),
                ConfigProto.ConfigChange.newBuilder().setName("DB_PASSWORD").setSecret("grpc-secret-value").build());
        assertEquals(1, base.getRevision());
        ConfigProto.ConfigEntry password = base.getEntriesList().stream().filter(e -> e.getName().equals("DB_PASSWORD")).findFirst()
                .orElseThrow();
        assertEquals(ConfigProto.ConfigEntryType.CONFIG_ENTRY_TYPE_SECRET, password.getType());
        assertTrue(password.getSecret().getSet());
        assertEquals(1, password.getSecret().getVersion());
        assertEquals("", password.getValue());
        assertFalse(base.toString().contains("grpc-secret-value"));

        ConfigProto.EnvironmentConfig dev = updateEnvironment(app, "dev", value("LOG_LEVEL", "debug"),
                ConfigProto.ConfigChange.newBuilder().setName("DEBUG").setRemove(true).build(),
                ConfigProto.ConfigChange.newBuilder().setName("API_KEY")
                        .setSecretRef(ConfigProto.SecretKeyRef.newBuilder().setName("ext").setKey("key")).build());
        assertEquals(2, dev.getRevision());
        assertEquals(List.of("API_KEY", "DB_PASSWORD", "LOG_LEVEL"),
                dev.getEntriesList().stream().map(ConfigProto.ConfigEntry::getName).toList());
        ConfigProto.ConfigEntry level = dev.getEntries(2);
        assertEquals("debug", level.getValue());
        assertEquals(ConfigProto.ConfigSource.CONFIG_SOURCE_ENVIRONMENT, level.getSource());
        assertTrue(level.getOverridesBase());
        assertEquals(ConfigProto.ConfigSource.CONFIG_SOURCE_BASE, dev.getEntries(1).getSource());
        assertEquals("ext", dev.getEntries(0).getSecretRef().getName());
        assertEquals(List.of("DEBUG"), dev.getRemovedList());

        ConfigProto.EnvironmentConfig asOfOne = as(client, ALICE)
                .getEnvironmentConfig(ConfigProto.GetEnvironmentConfigRequest.newBuilder().setApplication(app)
                        .setEnvironment("dev").setRevision(1).build())
                .await().atMost(CALL).getConfig();
        assertEquals(List.of("DB_PASSWORD", "DEBUG", "LOG_LEVEL"),
                asOfOne.getEntriesList().stream().map(ConfigProto.ConfigEntry::getName).toList());

        ConfigProto.ApplicationConfig restored = as(client, ALICE)
                .restoreApplicationConfig(ConfigProto.RestoreApplicationConfigRequest.newBuilder()
                        .setApplication(app).setRevision(1).build())
                .await().atMost(CALL).getConfig();
        assertEquals(1, restored.getRevision(), "restoring what is there makes no revision");
        ConfigProto.EnvironmentConfig devRestored = as(client, ALICE)
                .restoreEnvironmentConfig(ConfigProto.RestoreEnvironmentConfigRequest.newBuilder()
                        .setApplication(app).setEnvironment("dev").setRevision(1).setMessage("back to base").build())
                .await().atMost(CALL).getConfig();
        assertEquals(3, devRestored.getRevision());
        assertEquals(0, devRestored.getRemovedCount());
    }

    @Test
    void listsGetsAndDiffsRevisions() {
        String app = ConfigResourceTest.newApp();
        updateBase(app, "", value("A", "1"));
        updateEnvironment(app, "stage", value("A", "stage"));
        updateBase(app, "", value("B", "2"));

        ConfigProto.ListConfigRevisionsResponse page = as(client, BOB)
                .listConfigRevisions(ConfigProto.ListConfigRevisionsRequest.newBuilder()
                        .setApplication(app).setPageSize(2).build())
                .await().atMost(CALL);
        assertEquals(List.of(3L, 2L), page.getRevisionsList().stream().map(ConfigProto.ConfigRevision::getRevision).toList());
        assertFalse(page.getNextPageToken().isEmpty());
        ConfigProto.ListConfigRevisionsResponse rest = as(client, BOB)
                .listConfigRevisions(ConfigProto.ListConfigRevisionsRequest.newBuilder()
                        .setApplication(app).setPageSize(2).setPageToken(page.getNextPageToken()).build())
                .await().atMost(CALL);
        assertEquals(List.of(1L), rest.getRevisionsList().stream().map(ConfigProto.ConfigRevision::getRevision).toList());
        assertEquals(List.of(3L, 1L), as(client, BOB).listConfigRevisions(ConfigProto.ListConfigRevisionsRequest.newBuilder()
                .setApplication(app).setEnvironment("dev").build()).await().atMost(CALL).getRevisionsList().stream()
                .map(ConfigProto.ConfigRevision::getRevision).toList());

        ConfigProto.ConfigRevision second = as(client, BOB)
                .getConfigRevision(ConfigProto.GetConfigRevisionRequest.newBuilder().setApplication(app).setRevision(2).build())
                .await().atMost(CALL).getRevision();
        assertEquals("stage", second.getEnvironment());
        assertEquals(ConfigProto.ConfigChangeAction.CONFIG_CHANGE_ACTION_SET, second.getChanges(0).getAction());
        assertEquals("stage", second.getEntries(0).getValue());
        assertEquals("alice", second.getCreatedBy());
        assertFalse(second.hasRestoredFrom());

        ConfigProto.ConfigDiff diff = as(client, BOB)
                .diffConfig(ConfigProto.DiffConfigRequest.newBuilder().setApplication(app).setFrom("dev").setTo("stage").build())
                .await().atMost(CALL).getDiff();
        assertEquals(1, diff.getDifferencesCount());
        assertEquals("A", diff.getDifferences(0).getName());
        assertEquals(ConfigProto.ConfigDiffChange.CONFIG_DIFF_CHANGE_CHANGED, diff.getDifferences(0).getChange());
        assertEquals("1", diff.getDifferences(0).getFrom().getValue());
        assertEquals("stage", diff.getDifferences(0).getTo().getValue());
        assertEquals(1, diff.getUnchanged());
        assertEquals(3, diff.getToRevision());
    }

    @Test
    void errorsCarryTheSameCodesAndDetailsAsRest() throws Exception {
        String app = ConfigResourceTest.newApp();
        ConfigProto.ApplicationConfig first = updateBase(app, "", value("A", "1"));
        updateBase(app, first.getEtag(), value("A", "2"));
        Throwable stale = assertThrows(RuntimeException.class, () -> updateBase(app, first.getEtag(), value("A", "3")));
        assertEquals(Status.Code.ABORTED, code(stale));
        assertEquals("PRECONDITION_FAILED", reason(stale));

        Throwable invalid = assertThrows(RuntimeException.class, () -> as(client, ALICE).updateApplicationConfig(
                ConfigProto.UpdateApplicationConfigRequest.newBuilder().setApplication(app)
                        .addChanges(ConfigProto.ConfigChange.newBuilder().setName("bad-name"))
                        .build())
                .await().atMost(CALL));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(invalid));
        assertEquals(List.of("changes[0].name", "changes[0]"), violatedFields(invalid));

        Throwable denied = assertThrows(RuntimeException.class, () -> as(client, BOB).updateEnvironmentConfig(
                ConfigProto.UpdateEnvironmentConfigRequest.newBuilder().setApplication(app).setEnvironment("dev")
                        .addChanges(value("A", "x")).build())
                .await().atMost(CALL));
        assertEquals(Status.Code.PERMISSION_DENIED, code(denied));

        Throwable missing = assertThrows(RuntimeException.class, () -> as(client, ALICE).getConfigRevision(
                ConfigProto.GetConfigRevisionRequest.newBuilder().setApplication(app).setRevision(99).build()).await().atMost(CALL));
        assertEquals(Status.Code.NOT_FOUND, code(missing));
        Throwable noRevision = assertThrows(RuntimeException.class, () -> as(client, ALICE).restoreEnvironmentConfig(
                ConfigProto.RestoreEnvironmentConfigRequest.newBuilder().setApplication(app).setEnvironment("dev").build()).await()
                .atMost(CALL));
        assertEquals(List.of("revision"), violatedFields(noRevision));
        Throwable badRef = assertThrows(RuntimeException.class, () -> as(client, ALICE).diffConfig(
                ConfigProto.DiffConfigRequest.newBuilder().setApplication(app).setFrom("1").build()).await().atMost(CALL));
        assertEquals(List.of("to"), violatedFields(badRef));
    }

    @Test
    void onlyPlatformAdminsReencrypt() {
        Throwable denied = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).reencryptSecrets(ConfigProto.ReencryptSecretsRequest.getDefaultInstance()).await().atMost(CALL));
        assertEquals(Status.Code.PERMISSION_DENIED, code(denied));
        ConfigProto.ReencryptSecretsResponse done = as(client, TestTokens.admin())
                .reencryptSecrets(ConfigProto.ReencryptSecretsRequest.getDefaultInstance())
                .await().atMost(CALL);
        assertEquals("test-new", done.getActiveKey());
        assertFalse(done.getValuesByKeyMap().containsKey("test-old"));
    }
}
