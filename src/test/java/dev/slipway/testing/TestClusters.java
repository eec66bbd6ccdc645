package dev.slipway.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.slipway.local.sandbox.SandboxApiServer;
import dev.slipway.local.sandbox.SandboxConfig;
import dev.slipway.local.sandbox.SimulatedController;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Clusters besides the built-in sandbox, for tests: more sandbox API servers, and endpoints that never answer. */
public final class TestClusters {
    private TestClusters() {
    }

    /** A second (third, ...) sandbox API server with a simulated controller of its own, so rollouts on it finish. */
    public record ExtraSandbox(SandboxApiServer server, KubernetesClient client, SimulatedController controller) implements AutoCloseable {

        public static ExtraSandbox start() {
            SandboxApiServer server = SandboxApiServer.start();
            KubernetesClient client = server.newClient();
            return new ExtraSandbox(server, client,
                    SimulatedController.start(client, Duration.ofMillis(100), SandboxConfig.DEFAULT_FAILING_IMAGE_PATTERN));
        }

        public String url() {
            return server.url();
        }

        @Override
        public void close() {
            controller.close();
            client.close();
            server.close();
        }
    }

    /** A kubeconfig for {@code server} whose one context ({@code context}) authenticates with a bearer token. */
    public static String kubeconfig(String server, String context, String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: target
                  cluster:
                    server: %s
                contexts:
                - name: %s
                  context:
                    cluster: target
                    user: deployer
                current-context: %s
                users:
                - name: deployer
                  user:
                    token: %s
                """.formatted(server, context, context, token);
    }

    /** A port on loopback that accepts connections and never answers (until closed): a cluster that hangs. */
    public static final class SilentEndpoint implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        public SilentEndpoint() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        /** Connections accepted so far. */
        public int connections() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : held) {
                connection.close();
            }
        }
    }

    /** A loopback URL where nothing listens: connections are refused. */
    public static String refusingUrl() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return "http://127.0.0.1:" + free.getLocalPort();
        }
    }
}
