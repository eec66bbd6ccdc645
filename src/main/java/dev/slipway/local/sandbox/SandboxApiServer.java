package dev.slipway.local.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * An in-process Kubernetes API server on loopback: fabric8's CRUD mock server with
 * {@link SandboxDispatcher} in front, so server-side apply, watches, informers and kubectl work
 * against it, and serves pod logs ({@link PodLogs}), followed ones streamed by its own HTTP front
 * ({@link SandboxWebServer}). It stores objects and nothing more; {@link SimulatedController}
 * plays the cluster's controllers. Starting and every call on it block: keep them off event loop threads.
 */
public final class SandboxApiServer implements AutoCloseable {

    /**
     * The mock's web server records every request that reaches its own listener (clients talk to
     * {@link SandboxWebServer}, which does not record them, so only stray direct ones); forgetting
     * them this often keeps memory bounded all the same.
     */
    static final int FORGET_REQUESTS_EVERY = 512;

    static final Duration DEFAULT_LOG_INTERVAL = Duration.ofSeconds(1);

    /** Held so that the level set on it is not lost when the logger is collected. */
    private static final Logger REQUEST_LOG = Logger.getLogger(MockWebServer.class.getName());

    private final MockWebServer webServer;
    private final KubernetesMockServer server;
    private final SandboxWebServer front;
    private final SandboxDispatcher dispatcher;
    private final String url;
    private final List<RequestLog> requestLogs;

    private SandboxApiServer(MockWebServer webServer, KubernetesMockServer server, SandboxWebServer front, SandboxDispatcher dispatcher,
            String url, List<RequestLog> requestLogs) {
        this.requestLogs = requestLogs;
        this.webServer = webServer;
        this.server = server;
        this.front = front;
        this.dispatcher = dispatcher;
        this.url = url;
    }

    /** Starts a sandbox API server on 127.0.0.1 and a free port. */
    public static SandboxApiServer start() {
        return start(0);
    }

    /** Starts a sandbox API server on 127.0.0.1; {@code port} 0 picks a free one. */
    public static SandboxApiServer start(int port) {
        return start(port, DEFAULT_LOG_INTERVAL);
    }

    /**
     * Starts a sandbox API server on 127.0.0.1; {@code port} 0 picks a free one. Simulated
     * containers write a heartbeat line to their logs every {@code logInterval}.
     */
    public static SandboxApiServer start(int port, Duration logInterval) {
        return start(port, FORGET_REQUESTS_EVERY, logInterval);
    }

    static SandboxApiServer start(int port, int forgetRequestsEvery) {
        return start(port, forgetRequestsEvery, DEFAULT_LOG_INTERVAL);
    }

    static SandboxApiServer start(int port, int forgetRequestsEvery, Duration logInterval) {
        if (REQUEST_LOG.getLevel() == null) {
            // One INFO line per request otherwise; application.properties sets the same in Quarkus.
            REQUEST_LOG.setLevel(Level.WARNING);
        }
        MockWebServer webServer = new MockWebServer();
        SandboxDispatcher dispatcher = new SandboxDispatcher(forgetRequestsEvery, webServer::reset, logInterval);
        VersionInfo version = new VersionInfo.Builder()
                .withMajor(SandboxDiscovery.KUBERNETES_MAJOR)
                .withMinor(SandboxDiscovery.KUBERNETES_MINOR)
                .build();
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), webServer, new HashMap<>(), dispatcher, false, version);
        InetAddress loopback = loopback();
        List<RequestLog> requestLogs = new CopyOnWriteArrayList<>();
        SandboxWebServer front;
        try {
            // The mock's own listener (any free port) goes unused: clients talk to the front, which can stream.
            server.start(loopback, 0);
            front = SandboxWebServer.start(loopback, port, dispatcher, dispatcher.logs(),
                    seen -> requestLogs.forEach(log -> log.record(seen)));
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
        return new SandboxApiServer(webServer, server, front, dispatcher, "http://" + loopback.getHostAddress() + ":" + front.port(),
                requestLogs);
    }

    /** The API server's base URL, for example {@code http://127.0.0.1:41234}. */
    public String url() {
        return url;
    }

    public int port() {
        return front.port();
    }

    /**
     * A new fabric8 client for this server, default namespace {@code default}. The caller closes it.
     * It carries no credentials, even where a kubeconfig for a real cluster exists.
     */
    public KubernetesClient newClient() {
        return newClient(null);
    }

    /**
     * As {@link #newClient()}, with the User-Agent header {@code userAgent} (the client's own when
     * null), so that a {@link RequestLog} can tell this client's requests from others'.
     */
    public KubernetesClient newClient(String userAgent) {
        Config config = new ConfigBuilder()
                .withMasterUrl(url)
                .withTrustCerts(true)
                .withNamespace("default")
                .build();
        // The builder also reads ~/.kube/config and KUBERNETES_* variables; none of that is meant for the sandbox.
        config.setOauthToken(null);
        config.setAutoOAuthToken(null);
        config.setOauthTokenProvider(null);
        config.setUsername(null);
        config.setPassword(null);
        config.setClientCertFile(null);
        config.setClientCertData(null);
        config.setClientKeyFile(null);
        config.setClientKeyData(null);
        config.setAuthProvider(null);
        config.setImpersonateUsername(null);
        config.setImpersonateGroups();
        config.setHttpProxy(null);
        config.setHttpsProxy(null);
        if (userAgent != null) {
            config.setUserAgent(userAgent);
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * Tells {@code listener} of every custom kind (one the sandbox does not know, such as a CNPG
     * {@code Cluster}) an object has been written of: those learned so far at once, later ones
     * as they come, on the thread that wrote the object (so hand the work off).
     */
    void onCustomKind(java.util.function.Consumer<SandboxDiscovery.LearnedKind> listener) {
        dispatcher.onNewKind(listener);
    }

    /**
     * Records every request this server receives from now until the returned log is closed (a
     * test's view of which API calls were made; nothing is recorded while no log is open).
     */
    public RequestLog recordRequests() {
        return new RequestLog(log -> {
            requestLogs.add(log);
            return () -> requestLogs.remove(log);
        });
    }

    /** How many requests the web server currently remembers (bounded by the forgetting interval). */
    int rememberedRequests() {
        return webServer.getRequestCount();
    }

    /** Stops the server and its own Vert.x instance; stored objects are gone. */
    @Override
    public void close() {
        front.close();
        server.shutdown();
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
