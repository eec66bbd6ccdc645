import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load generator for the deployment latency benchmark (JDK 17 single-file program):
 * issues exactly {@code rate} POSTs per second for {@code seconds}, each at its wall-clock slot
 * (start + i / rate) whether or not earlier requests have answered, round-robin over
 * {@code envs} environments, then waits (bounded) until every deployment of those environments
 * is terminal by polling PostgreSQL with psql. Prints key=value lines for run.sh.
 *
 * <pre>
 * java FixedRate.java --url http://127.0.0.1:18090 --token-file token --app bench --env-prefix lat- --envs 50 \
 *     --rate 50 --seconds 20 --db postgresql://postgres@127.0.0.1:5432/slipway_bench --wait-seconds 60
 * </pre>
 *
 * Latency that counts is computed afterwards in SQL from the deployments' own timestamps; the
 * client-side figures printed here (time to the 202) are only for orientation.
 */
public class FixedRate {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = required(options, "url");
        String token = Files.readString(Path.of(required(options, "token-file"))).trim();
        String app = slug(required(options, "app"));
        String prefix = slug(required(options, "env-prefix"));
        int envs = Integer.parseInt(options.getOrDefault("envs", "50"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "50"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        String db = required(options, "db");
        int waitSeconds = Integer.parseInt(options.getOrDefault("wait-seconds", "60"));

        ExecutorService responses = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "responses");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(responses)
                .build();

        int total = rate * seconds;
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long[] latencyNanos = new long[total];
        Arrays.fill(latencyNanos, -1);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long maxLagNanos = 0;

        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long slot = start + i * periodNanos;
            for (long now = System.nanoTime(); now < slot; now = System.nanoTime()) {
                LockSupport.parkNanos(slot - now);
            }
            long sentAt = System.nanoTime();
            maxLagNanos = Math.max(maxLagNanos, sentAt - slot);
            String environment = prefix + (i % envs + 1);
            String body = "{\"spec\": {\"containers\": [{\"name\": \"web\", \"image\": \"nginx:1.27\", \"ports\": [{\"containerPort\": 80}]}],"
                    + " \"replicas\": 2, \"servicePorts\": [{\"port\": 80}]}, \"reason\": \"fixed-rate " + i + "\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/applications/" + app + "/environments/" + environment + "/deployments"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            int index = i;
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                if (failure != null) {
                    errors.incrementAndGet();
                    return;
                }
                latencyNanos[index] = System.nanoTime() - sentAt;
                statuses.computeIfAbsent(response.statusCode(), code -> new AtomicInteger()).incrementAndGet();
            }));
        }
        long sendSeconds = System.nanoTime() - start;
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // counted per request below (no latency recorded means no answer)
        }
        long answered = Arrays.stream(latencyNanos).filter(n -> n >= 0).count();
        long[] sorted = Arrays.stream(latencyNanos).filter(n -> n >= 0).sorted().toArray();
        int accepted = statuses.getOrDefault(202, new AtomicInteger()).get();

        System.out.printf("sent=%d%n", total);
        System.out.printf("send_duration_s=%.3f%n", sendSeconds / 1e9);
        System.out.printf("achieved_rate=%.2f%n", total > 1 ? (total - 1) / (sendSeconds / 1e9) : Double.NaN);
        System.out.printf("max_schedule_lag_ms=%.2f%n", maxLagNanos / 1e6);
        System.out.printf("accepted_202=%d%n", accepted);
        System.out.printf("other_status=%s%n", otherStatuses(statuses));
        System.out.printf("errors=%d%n", errors.get());
        System.out.printf("unanswered=%d%n", total - answered - errors.get());
        System.out.printf("client_post_p50_ms=%.2f%n", percentile(sorted, 0.50));
        System.out.printf("client_post_p99_ms=%.2f%n", percentile(sorted, 0.99));
        System.out.printf("client_post_max_ms=%.2f%n", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);

        // Wait until every deployment of these environments is terminal, or give up.
        String pendingSql = "SELECT count(*) FROM deployments WHERE application = '" + app + "' AND environment LIKE '" + prefix
                + "%' AND status IN ('PENDING', 'APPLYING', 'PROGRESSING')";
        long waitStart = System.nanoTime();
        long deadline = waitStart + TimeUnit.SECONDS.toNanos(waitSeconds);
        long pending = -1;
        while (true) {
            pending = psqlCount(db, pendingSql);
            if (pending == 0 || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(250);
        }
        System.out.printf("terminal_wait_s=%.2f%n", (System.nanoTime() - waitStart) / 1e9);
        System.out.printf("still_in_progress=%d%n", pending);
        responses.shutdownNow();
        System.exit(0);
    }

    private static long psqlCount(String db, String sql) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("psql", db, "-XAtqc", sql).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("psql failed: " + out);
        }
        return Long.parseLong(out);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    private static String otherStatuses(Map<Integer, AtomicInteger> statuses) {
        StringBuilder out = new StringBuilder();
        statuses.forEach((code, count) -> {
            if (code != 202) {
                out.append(out.length() == 0 ? "" : ",").append(code).append(':').append(count.get());
            }
        });
        return out.length() == 0 ? "none" : out.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** Names go into URLs and SQL text: allow only slug characters. */
    private static String slug(String value) {
        if (!value.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("not a slug: " + value);
        }
        return value;
    }
}
