/*
 * The Java SDK driven end to end against a running Slipway (src/test/e2e/clients.sh runs it with the
 * SDK jar and its dependencies on the class path, as a single-file program):
 *
 *   java -cp <sdk jar>:<jackson jars> clients/java/examples/SdkFlow.java
 *
 * Environment: SLIPWAY_URL; SLIPWAY_ISSUER; SLIPWAY_ADMIN_TOKEN (a platform admin); SLIPWAY_TOKEN
 * (an owner of group team-shop); SLIPWAY_CLIENT_ID / SLIPWAY_CLIENT_SECRET (a CI service account,
 * used through the client credentials token source); SLIPWAY_OUTSIDER_TOKEN (someone of another team).
 * Prints one PASS/FAIL line per check and exits 1 if any failed.
 */
import dev.slipway.client.ApiException;
import dev.slipway.client.model.AccessCheckRequest;
import dev.slipway.client.model.Application;
import dev.slipway.client.model.ApplicationPatch;
import dev.slipway.client.model.ConfigChange;
import dev.slipway.client.model.ConfigChangeRequest;
import dev.slipway.client.model.ConfigEntry;
import dev.slipway.client.model.ContainerSpec;
import dev.slipway.client.model.CreateApplicationRequest;
import dev.slipway.client.model.CreateDeploymentRequest;
import dev.slipway.client.model.CreateEnvironmentRequest;
import dev.slipway.client.model.CreateRoleBindingRequest;
import dev.slipway.client.model.Deployment;
import dev.slipway.client.model.DeploymentEvent;
import dev.slipway.client.model.DeploymentStatus;
import dev.slipway.client.model.Environment;
import dev.slipway.client.model.EnvironmentPage;
import dev.slipway.client.model.ExtendEnvironmentRequest;
import dev.slipway.client.model.RollbackRequest;
import dev.slipway.client.model.WorkloadSpec;
import dev.slipway.client.sdk.EventStream;
import dev.slipway.client.sdk.OidcProvider;
import dev.slipway.client.sdk.Pages;
import dev.slipway.client.sdk.Problems;
import dev.slipway.client.sdk.RefreshingTokenSource;
import dev.slipway.client.sdk.Slipway;
import dev.slipway.client.sdk.TokenSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

public class SdkFlow {
    static int passed;
    static int failed;

    static void check(String what, boolean ok, Object detail) {
        if (ok) {
            passed++;
            System.out.println("PASS sdk: " + what);
        } else {
            failed++;
            System.out.println("FAIL sdk: " + what + ": " + detail);
        }
    }

    interface Call {
        void run() throws Exception;
    }

    /** Runs a step; an unexpected exception is a failed check, not the end of the flow. */
    static void step(String what, Call call) {
        try {
            call.run();
        } catch (ApiException e) {
            check(what, false, "HTTP " + e.getCode() + " " + e.getResponseBody());
        } catch (Exception e) {
            check(what, false, e);
        }
    }

    static String env(String name) {
        return Objects.requireNonNull(System.getenv(name), name + " is not set");
    }

    static WorkloadSpec nginx(String tag) {
        return new WorkloadSpec().containers(List.of(new ContainerSpec().name("web").image("nginx:" + tag))).replicas(1);
    }

    public static void main(String[] args) throws Exception {
        String url = env("SLIPWAY_URL");
        Slipway admin = Slipway.builder(url).tokenSource(TokenSource.of(env("SLIPWAY_ADMIN_TOKEN"))).build();
        Slipway owner = Slipway.builder(url).tokenSource(TokenSource.of(env("SLIPWAY_TOKEN"))).build();
        Slipway outsider = Slipway.builder(url).tokenSource(TokenSource.of(env("SLIPWAY_OUTSIDER_TOKEN"))).build();
        Slipway ci = Slipway.builder(url).tokenSource(RefreshingTokenSource.clientCredentials(OidcProvider.discover(env("SLIPWAY_ISSUER")),
                env("SLIPWAY_CLIENT_ID"), env("SLIPWAY_CLIENT_SECRET"), null)).build();
        String app = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
        String[] first = new String[1];

        step("the admin creates application " + app + " for team-shop (twice with one Idempotency-Key: one application)", () -> {
            var request = new CreateApplicationRequest().name(app).ownerGroup("team-shop");
            Application created = admin.applications().createApplication(request, "key-" + app);
            Application again = admin.applications().createApplication(request, "key-" + app);
            check("application created, and the retried create answers the same one", app.equals(created.getName())
                    && Objects.equals(created.getId(), again.getId()), again);
        });
        step("If-Match from the fetched application: the update passes, a stale etag is refused with 412", () -> {
            Application fetched = owner.applications().getApplication(app);
            owner.applications().updateApplication(app, new ApplicationPatch().description("made by the SDK flow"), Slipway.ifMatch(fetched));
            try {
                owner.applications().updateApplication(app, new ApplicationPatch().description("stale"), Slipway.ifMatch(fetched));
                check("a stale If-Match is refused", false, "accepted");
            } catch (ApiException e) {
                check("a stale If-Match is refused with 412 and a problem document", e.getCode() == 412
                        && owner.problem(e).isPresent(), Problems.describe(e, owner.objectMapper()));
            }
        });
        step("the owner creates environments staging and a preview with a ttl, and extends it", () -> {
            owner.environments().createEnvironment(app, new CreateEnvironmentRequest().name("staging").type("staging"), null);
            Environment preview = owner.environments().createEnvironment(app,
                    new CreateEnvironmentRequest().name("preview").type("preview").ttl("2h"), null);
            check("the preview expires", preview.getExpiresAt() != null, preview);
            Environment extended = owner.environments().extendEnvironment(app, "preview", new ExtendEnvironmentRequest().ttl("4h"));
            check("extending moves its expiry later", extended.getExpiresAt().isAfter(preview.getExpiresAt()), extended.getExpiresAt());
            List<String> names = Pages.stream(token -> owner.environments().listEnvironments(app, null, null, 1, token),
                    EnvironmentPage::getItems, EnvironmentPage::getNextPageToken).map(Environment::getName).sorted().toList();
            check("pages of one item iterate over both environments", names.equals(List.of("preview", "staging")), names);
        });
        step("the owner sets a variable in the base and a secret in staging", () -> {
            owner.configuration().updateApplicationConfig(app, new ConfigChangeRequest()
                    .changes(List.of(new ConfigChange().name("LOG_LEVEL").value("debug"))).message("sdk flow"), null);
            var config = owner.configuration().updateEnvironmentConfig(app, "staging", new ConfigChangeRequest()
                    .changes(List.of(new ConfigChange().name("DB_PASSWORD").secret("s3cr3t-from-sdk"))), null);
            Map<String, ConfigEntry> entries = new java.util.HashMap<>();
            config.getEntries().forEach(e -> entries.put(e.getName(), e));
            check("staging's configuration has LOG_LEVEL=debug from the base and the secret, set but never shown",
                    "debug".equals(entries.get("LOG_LEVEL").getValue()) && entries.get("DB_PASSWORD").getValue() == null
                            && Boolean.TRUE.equals(entries.get("DB_PASSWORD").getSecret().getSet())
                            && !owner.objectMapper().writeValueAsString(config).contains("s3cr3t-from-sdk"), config);
        });
        step("the owner makes the CI service account a deployer of the application", () -> owner.access().createRoleBinding(
                new CreateRoleBindingRequest().subject("service-account:" + env("SLIPWAY_CLIENT_ID")).role("deployer").scope("application:" + app),
                null));
        step("CI (client credentials) deploys nginx:1.27 and waits, seeing the progress", () -> {
            List<DeploymentStatus> seen = new CopyOnWriteArrayList<>();
            Deployment started = ci.deployments().createDeployment(app, "staging", new CreateDeploymentRequest().spec(nginx("1.27")).reason("sdk"), null);
            Deployment done = ci.awaitDeployment(app, "staging", started.getId().toString(), Duration.ofSeconds(90), e -> seen.add(e.getStatus()));
            first[0] = done.getId().toString();
            check("the deployment SUCCEEDED", done.getStatus() == DeploymentStatus.SUCCEEDED, done.getStatus() + " " + done.getStatusMessage());
            check("progress ended with SUCCEEDED after earlier statuses", seen.size() >= 2 && seen.get(seen.size() - 1) == DeploymentStatus.SUCCEEDED,
                    seen);
        });
        step("the application's event stream, replayed from the start, has that deployment's SUCCEEDED event", () -> {
            boolean found = false;
            try (EventStream<DeploymentEvent> events = owner.events(app, null, false, "0")) {
                // The replay comes first; stop at the event looked for (a watchdog ends a stream that never brings it).
                Thread watchdog = new Thread(() -> {
                    try {
                        Thread.sleep(20_000);
                        events.close();
                    } catch (InterruptedException ignored) {
                        // the event came
                    }
                });
                watchdog.setDaemon(true);
                watchdog.start();
                while (!found && events.hasNext()) {
                    DeploymentEvent event = events.next();
                    found = first[0].equals(String.valueOf(event.getDeploymentId())) && event.getStatus() == DeploymentStatus.SUCCEEDED;
                }
                watchdog.interrupt();
            }
            check("SUCCEEDED event of " + first[0] + " in the stream", found, "not seen");
        });
        step("CI deploys nginx:1.28, then rolls back to the first deployment", () -> {
            Deployment second = ci.deployments().createDeployment(app, "staging", new CreateDeploymentRequest().spec(nginx("1.28")), null);
            Deployment secondDone = ci.awaitDeployment(app, "staging", second.getId().toString(), Duration.ofSeconds(90), null);
            check("the second deployment SUCCEEDED", secondDone.getStatus() == DeploymentStatus.SUCCEEDED, secondDone.getStatus());
            Deployment rollback = ci.deployments().rollbackDeployment(app, "staging", first[0], null, new RollbackRequest().reason("sdk rollback"));
            Deployment rolledBack = ci.awaitDeployment(app, "staging", rollback.getId().toString(), Duration.ofSeconds(90), null);
            check("the rollback SUCCEEDED with nginx:1.27 again and rollbackOf the first deployment",
                    rolledBack.getStatus() == DeploymentStatus.SUCCEEDED && first[0].equals(String.valueOf(rolledBack.getRollbackOf()))
                            && "nginx:1.27".equals(rolledBack.getSpec().getContainers().get(0).getImage()), rolledBack);
        });
        step("permissions: CI may deploy to staging but not delete the application; another team sees 404", () -> {
            var allowed = ci.access().checkAccess(new AccessCheckRequest().action("deployment.create").application(app).environment("staging"));
            var denied = ci.access().checkAccess(new AccessCheckRequest().action("application.delete").application(app));
            check("deployment.create allowed, with the grant", Boolean.TRUE.equals(allowed.getAllowed()) && allowed.getGrantedBy() != null, allowed);
            check("application.delete not allowed", Boolean.FALSE.equals(denied.getAllowed()), denied);
            try {
                outsider.applications().getApplication(app);
                check("another team cannot read the application", false, "it could");
            } catch (ApiException e) {
                check("another team reading the application gets 404 with a readable problem", e.getCode() == 404
                        && !Problems.describe(e, outsider.objectMapper()).isBlank(), Problems.describe(e, outsider.objectMapper()));
            }
        });
        System.out.println("sdk: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
