package dev.slipway.local.sandbox;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The sandbox's HTTP front: answers every request through the dispatcher, exactly as fabric8's
 * mock web server does (the same request handler, websockets for watches included), except pod
 * log requests with {@code follow=true}, which it streams. The mock web server sends each
 * response body whole, at once (a body delay only postpones it), so a followed log could only
 * ever show lines up to the request; here the response stays open and each new line is written
 * as its time comes, until the pod is deleted or replaced, its container ends, the client goes
 * away or {@link #FOLLOW_LIMIT} passes (then the stream ends cleanly, as when a real API server
 * closes a long request; clients reconnect with sinceTime).
 */
final class SandboxWebServer implements AutoCloseable {
    static final Duration FOLLOW_LIMIT = Duration.ofMinutes(10);
    /** WebSocket subprotocols of Kubernetes' exec/attach channels, as the mock web server offers them. */
    private static final List<String> SUBPROTOCOLS = List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io",
            "v4.channel.k8s.io");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_POLL_MILLIS = 250;

    private final Vertx vertx;
    private final HttpServer server;
    private final PodLogs logs;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    private SandboxWebServer(Vertx vertx, HttpServer server, PodLogs logs) {
        this.vertx = vertx;
        this.server = server;
        this.logs = logs;
    }

    /** Listens on {@code address} and {@code port} (0 picks a free one) with a Vert.x instance of its own. */
    static SandboxWebServer start(InetAddress address, int port, Dispatcher dispatcher, PodLogs logs,
            java.util.function.Consumer<RequestLog.Seen> observer) {
        Vertx vertx = Vertx.vertx();
        HttpServerRequestHandler mock = new HttpServerRequestHandler(vertx) {
            @Override
            protected MockResponse onHttpRequest(RecordedRequest request) {
                return dispatcher.dispatch(request);
            }
        };
        HttpServerOptions options = new HttpServerOptions().setHost(address.getHostAddress()).setPort(port)
                .setWebSocketSubProtocols(SUBPROTOCOLS).setHandle100ContinueAutomatically(true);
        HttpServer server = vertx.createHttpServer(options);
        SandboxWebServer web = new SandboxWebServer(vertx, server, logs);
        server.requestHandler(request -> {
            observer.accept(new RequestLog.Seen(request.method().name(), request.path(), request.query() == null ? "" : request.query(),
                    request.getHeader("Content-Type"), request.getHeader("User-Agent")));
            Optional<PodLogs.Request> follow = Optional.empty();
            if (request.method() == HttpMethod.GET) {
                try {
                    follow = PodLogs.parse(request.uri()).filter(PodLogs.Request::follow);
                } catch (RuntimeException e) {
                    follow = Optional.empty(); // a malformed query: the dispatcher answers it with a 400
                }
            }
            if (follow.isPresent()) {
                web.follow(request, follow.get());
            } else {
                mock.handle(request);
            }
        });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("Interrupted while starting the sandbox API server", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("The sandbox API server could not listen on " + address.getHostAddress() + ":" + port, e);
        }
        return web;
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Stopping anyway: the threads are daemons and the port is released with them.
        }
    }

    /** Streams a log: what there is now, then each line as it is written (runs on the connection's event loop). */
    private void follow(HttpServerRequest request, PodLogs.Request logRequest) {
        HttpServerResponse response = request.response();
        Instant now = Instant.now();
        PodLogs.Answer first = logs.read(logRequest, now);
        if (first.code() != 200) {
            response.setStatusCode(first.code()).putHeader("Content-Type", "application/json").end(serialization.asJson(Map.of(
                    "apiVersion", "v1", "kind", "Status", "status", "Failure", "message", first.message(), "reason", first.reason(),
                    "code", first.code())));
            return;
        }
        response.setStatusCode(200).putHeader("Content-Type", "text/plain").setChunked(true);
        Follower follower = new Follower(response, logRequest, first.podUid(), now.plus(FOLLOW_LIMIT));
        List<PodLogs.Line> initial = PodLogs.select(first.lines(), logRequest, now);
        follower.lastSeen = first.lines().isEmpty() ? Instant.EPOCH : first.lines().get(first.lines().size() - 1).at();
        if (!follower.write(initial) || !first.more()) {
            response.end();
            return;
        }
        long poll = Math.max(10, Math.min(MAX_POLL_MILLIS, logs.interval().toMillis() / 2));
        follower.timer = vertx.setPeriodic(poll, id -> follower.poll());
        response.closeHandler(ignored -> vertx.cancelTimer(follower.timer));
        response.exceptionHandler(ignored -> vertx.cancelTimer(follower.timer));
    }

    /** One followed log: what was sent so far and when to stop. */
    private final class Follower {
        private final HttpServerResponse response;
        private final PodLogs.Request request;
        private final String podUid;
        private final Instant giveUp;
        private Instant lastSeen;
        private long bytesLeft;
        private long timer;

        Follower(HttpServerResponse response, PodLogs.Request request, String podUid, Instant giveUp) {
            this.response = response;
            this.request = request;
            this.podUid = podUid;
            this.giveUp = giveUp;
            this.bytesLeft = request.limitBytes() == null ? Long.MAX_VALUE : request.limitBytes();
        }

        void poll() {
            if (response.closed() || response.ended()) {
                vertx.cancelTimer(timer);
                return;
            }
            Instant now = Instant.now();
            PodLogs.Answer answer = logs.read(request, now);
            boolean samePod = answer.code() == 200 && podUid.equals(answer.podUid());
            if (samePod) {
                List<PodLogs.Line> fresh = answer.lines().stream().filter(line -> line.at().isAfter(lastSeen)).toList();
                if (!fresh.isEmpty()) {
                    lastSeen = fresh.get(fresh.size() - 1).at();
                }
                if (!write(fresh)) {
                    samePod = false;
                }
            }
            if (!samePod || !answer.more() || now.isAfter(giveUp)) {
                vertx.cancelTimer(timer);
                response.end();
            }
        }

        /** Writes lines within the byte limit; false once the limit is reached. */
        boolean write(List<PodLogs.Line> lines) {
            if (lines.isEmpty()) {
                return bytesLeft > 0;
            }
            byte[] bytes = PodLogs.render(lines, request).getBytes(StandardCharsets.UTF_8);
            int length = (int) Math.min(bytes.length, bytesLeft);
            response.write(io.vertx.core.buffer.Buffer.buffer(length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length)));
            bytesLeft -= length;
            return bytesLeft > 0;
        }
    }
}
