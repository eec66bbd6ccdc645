package dev.slipway.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.slipway.testing.Polling;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A webhook receiver for tests: a Vert.x HTTP server on a random loopback port that keeps every
 * request and answers with the statuses queued (204 once the queue is empty). It checks signatures
 * with its own HMAC computation, written from the Standard Webhooks specification, not with
 * Slipway's signer.
 */
final class WebhookReceiver implements AutoCloseable {
    record Received(Map<String, String> headers, String body) {
        JsonObject event() {
            return new JsonObject(body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** Whether webhook-signature holds v1,base64(HMAC-SHA256(key, id.timestamp.body)) for the secret. */
        boolean signedWith(String secret) {
            try {
                byte[] key = secret.startsWith("whsec_")
                        ? Base64.getDecoder().decode(secret.substring(6))
                        : secret.getBytes(StandardCharsets.UTF_8);
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                String signed = header("webhook-id") + "." + header("webhook-timestamp") + "." + body;
                String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
                return List.of(header("webhook-signature").split(" ")).contains(expected);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

    WebhookReceiver() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Map<String, String> headers = new java.util.HashMap<>();
            request.headers().forEach(entry -> headers.put(entry.getKey().toLowerCase(), entry.getValue()));
            received.add(new Received(headers, body.toString(StandardCharsets.UTF_8)));
            Integer status = statuses.poll();
            request.response().setStatusCode(status == null ? 204 : status).end(status != null && status >= 300 ? "try later" : "");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hooks";
    }

    /** The next requests are answered with these statuses, in order. */
    void answer(Integer... next) {
        statuses.addAll(List.of(next));
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** The first request matching, waiting for it up to 20 s. */
    Received await(String what, Predicate<Received> matching) {
        Polling.await(what, Duration.ofSeconds(20), () -> received.stream().anyMatch(matching));
        return find(matching).orElseThrow();
    }

    Optional<Received> find(Predicate<Received> matching) {
        return received.stream().filter(matching).findFirst();
    }

    static Predicate<Received> ofType(String type) {
        return received -> type.equals(received.event().getString("type"));
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
