import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.slipway.grpc.v1.ApplicationServiceGrpc;
import dev.slipway.grpc.v1.ContainerPort;
import dev.slipway.grpc.v1.ContainerSpec;
import dev.slipway.grpc.v1.CreateDeploymentRequest;
import dev.slipway.grpc.v1.CreateDeploymentResponse;
import dev.slipway.grpc.v1.DeploymentServiceGrpc;
import dev.slipway.grpc.v1.DeploymentSource;
import dev.slipway.grpc.v1.GetApplicationRequest;
import dev.slipway.grpc.v1.ServicePort;
import dev.slipway.grpc.v1.WaitDeploymentRequest;
import dev.slipway.grpc.v1.WatchDeploymentsRequest;
import dev.slipway.grpc.v1.WatchDeploymentsResponse;
import dev.slipway.grpc.v1.WorkloadSpec;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;

/**
 * Load harness of the gRPC-vs-REST benchmark (bench/grpc/run.sh; how to read it: bench/README.md).
 * One program, so both protocols go through the same measuring code: closed-loop workers, one
 * latency sample per completed call, exact percentiles. Prints key=value lines for run.sh.
 *
 * <pre>
 * unary: warm-up and measured runs of GetApplication / GET and CreateDeployment / POST, gRPC and REST
 *   --port P --token-file F --app bench --env-prefix thr- --envs 4 --concurrency 32 --seconds 15 --warmup 10
 *   --grpc-channels 1 --order abba
 * watch: N watchers of one application's deployment events (gRPC streams or SSE), then measured events
 *   --port P --token-file F --proto grpc|sse --app watch --env-prefix w- --envs 10 --watchers 1000
 *   --channels 20 --events 10 --gap-ms 2000 --db postgresql://postgres@127.0.0.1:5432/db
 * </pre>
 */
public class GrpcBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "unary" -> new Unary(options).run();
            case "watch" -> new Watch(options).run();
            default -> throw new IllegalArgumentException("usage: GrpcBench unary|watch --option value ...");
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------
    // Shared plumbing
    // ------------------------------------------------------------------------------------------------

    static final String SPEC_JSON = "{\"spec\": {\"containers\": [{\"name\": \"web\", \"image\": \"nginx:1.27\", \"ports\": [{\"containerPort\": 80}]}], "
            + "\"replicas\": 2, \"servicePorts\": [{\"port\": 80}]}, \"reason\": \"%s\", "
            + "\"source\": {\"commit\": \"0123456789abcdef0123456789abcdef01234567\"}}";

    /** The same deployment as {@link #SPEC_JSON}, as a gRPC request. */
    static CreateDeploymentRequest createRequest(String app, String environment, String reason) {
        return CreateDeploymentRequest.newBuilder()
                .setApplication(app)
                .setEnvironment(environment)
                .setSpec(WorkloadSpec.newBuilder()
                        .addContainers(ContainerSpec.newBuilder().setName("web").setImage("nginx:1.27")
                                .addPorts(ContainerPort.newBuilder().setContainerPort(80)))
                        .setReplicas(2)
                        .addServicePorts(ServicePort.newBuilder().setPort(80)))
                .setReason(reason)
                .setSource(DeploymentSource.newBuilder().setCommit("0123456789abcdef0123456789abcdef01234567"))
                .build();
    }

    static ManagedChannel channel(int port, String token, boolean directExecutor) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        ClientInterceptor auth = MetadataUtils.newAttachHeadersInterceptor(headers);
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().intercept(auth);
        if (directExecutor) {
            builder.directExecutor();
        }
        return builder.build();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    static void out(String key, Object value) {
        System.out.println(key + "=" + value);
        System.out.flush();
    }

    static void log(String message) {
        System.err.printf("[harness %tT] %s%n", System.currentTimeMillis(), message);
    }

    /** Growable list of longs, one per worker thread (no sharing while measuring). */
    static final class Longs {
        long[] values = new long[4096];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Unary: closed loop, same workers and measuring code for both protocols
    // ------------------------------------------------------------------------------------------------

    /** One call; returns null on success, else a short error key (counted per key). */
    interface Call {
        String call(int worker, long sequence) throws Exception;
    }

    record Segment(long ok, long errors, long nanos, Longs[] latencies, Map<String, Long> errorKinds, Cpu cpu) {
    }

    /** CPU used during a segment: this JVM (the clients), the Slipway process, and the whole machine (busy, total). */
    record Cpu(long clientNanos, long serverNanos, long machineBusyNanos, long machineTotalNanos) {
        static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

        static Cpu now(int serverPid) {
            long client = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            long server = 0;
            long busy = 0, total = 0;
            try {
                if (serverPid > 0) {
                    String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    server = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS; // utime, stime
                }
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                for (int i = 1; i < f.length && i <= 8; i++) {
                    long v = Long.parseLong(f[i]);
                    total += v;
                    if (i != 4 && i != 5) { // idle, iowait
                        busy += v;
                    }
                }
            } catch (Exception e) {
                // no /proc: CPU figures stay 0
            }
            return new Cpu(client, server, busy * TICK_NANOS, total * TICK_NANOS);
        }

        Cpu minus(Cpu before) {
            return new Cpu(clientNanos - before.clientNanos, serverNanos - before.serverNanos,
                    machineBusyNanos - before.machineBusyNanos, machineTotalNanos - before.machineTotalNanos);
        }

        Cpu plus(Cpu other) {
            return new Cpu(clientNanos + other.clientNanos, serverNanos + other.serverNanos,
                    machineBusyNanos + other.machineBusyNanos, machineTotalNanos + other.machineTotalNanos);
        }
    }

    static final class Unary {
        final int port;
        final String token;
        final String app;
        final String envPrefix;
        final int envs;
        final int concurrency;
        final double seconds;
        final double warmup;
        final int grpcChannels;
        final int altChannels;
        final int serverPid;
        final String order;
        final HttpClient http;
        final List<ManagedChannel> channels = new ArrayList<>();
        final ApplicationServiceGrpc.ApplicationServiceBlockingStub[] appStubs;
        final DeploymentServiceGrpc.DeploymentServiceBlockingStub[] deployStubs;
        final ApplicationServiceGrpc.ApplicationServiceBlockingStub[] altAppStubs;
        final DeploymentServiceGrpc.DeploymentServiceBlockingStub[] altDeployStubs;
        final AtomicLong reasonCounter = new AtomicLong();

        Unary(Map<String, String> options) throws Exception {
            port = Integer.parseInt(required(options, "port"));
            token = Files.readString(Path.of(required(options, "token-file"))).trim();
            app = options.getOrDefault("app", "bench");
            envPrefix = options.getOrDefault("env-prefix", "thr-");
            envs = Integer.parseInt(options.getOrDefault("envs", "4"));
            concurrency = Integer.parseInt(options.getOrDefault("concurrency", "32"));
            seconds = Double.parseDouble(options.getOrDefault("seconds", "15"));
            warmup = Double.parseDouble(options.getOrDefault("warmup", "10"));
            grpcChannels = Integer.parseInt(options.getOrDefault("grpc-channels", "1"));
            altChannels = Integer.parseInt(options.getOrDefault("alt-channels", "0"));
            serverPid = Integer.parseInt(options.getOrDefault("server-pid", "0"));
            order = options.getOrDefault("order", "abba");
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < grpcChannels; i++) {
                channels.add(channel(port, token, false));
            }
            appStubs = new ApplicationServiceGrpc.ApplicationServiceBlockingStub[concurrency];
            deployStubs = new DeploymentServiceGrpc.DeploymentServiceBlockingStub[concurrency];
            altAppStubs = new ApplicationServiceGrpc.ApplicationServiceBlockingStub[concurrency];
            altDeployStubs = new DeploymentServiceGrpc.DeploymentServiceBlockingStub[concurrency];
            List<ManagedChannel> alt = new ArrayList<>();
            for (int i = 0; i < altChannels; i++) {
                alt.add(channel(port, token, false));
            }
            channels.addAll(alt);
            for (int i = 0; i < concurrency; i++) {
                ManagedChannel channel = channels.get(i % grpcChannels);
                appStubs[i] = ApplicationServiceGrpc.newBlockingStub(channel);
                deployStubs[i] = DeploymentServiceGrpc.newBlockingStub(channel);
                if (altChannels > 0) {
                    altAppStubs[i] = ApplicationServiceGrpc.newBlockingStub(alt.get(i % altChannels));
                    altDeployStubs[i] = DeploymentServiceGrpc.newBlockingStub(alt.get(i % altChannels));
                }
            }
        }

        String environment(int worker, long sequence) {
            return envPrefix + ((worker + sequence) % envs + 1);
        }

        /** proto: grpc, rest, or grpcalt (gRPC over the alt-channels channels). */
        Call call(String op, String proto) {
            var appStubs = proto.equals("grpcalt") ? altAppStubs : this.appStubs;
            var deployStubs = proto.equals("grpcalt") ? altDeployStubs : this.deployStubs;
            proto = proto.equals("grpcalt") ? "grpc" : proto;
            String readPath = "http://127.0.0.1:" + port + "/api/v1/applications/" + app;
            if (op.equals("read") && proto.equals("grpc")) {
                GetApplicationRequest request = GetApplicationRequest.newBuilder().setName(app).build();
                return (worker, sequence) -> {
                    try {
                        appStubs[worker].withDeadlineAfter(10, TimeUnit.SECONDS).getApplication(request);
                        return null;
                    } catch (StatusRuntimeException e) {
                        return "grpc " + e.getStatus().getCode();
                    }
                };
            }
            if (op.equals("read")) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(readPath)).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token).GET().build();
                return (worker, sequence) -> {
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    return response.statusCode() == 200 ? null : "http " + response.statusCode();
                };
            }
            if (proto.equals("grpc")) {
                return (worker, sequence) -> {
                    CreateDeploymentRequest request = createRequest(app, environment(worker, sequence), "grpc bench " + reasonCounter.incrementAndGet());
                    try {
                        CreateDeploymentResponse response = deployStubs[worker].withDeadlineAfter(10, TimeUnit.SECONDS).createDeployment(request);
                        return response.hasDeployment() ? null : "grpc empty response";
                    } catch (StatusRuntimeException e) {
                        return "grpc " + e.getStatus().getCode();
                    }
                };
            }
            return (worker, sequence) -> {
                String path = "http://127.0.0.1:" + port + "/api/v1/applications/" + app + "/environments/" + environment(worker, sequence) + "/deployments";
                HttpRequest request = HttpRequest.newBuilder(URI.create(path)).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(String.format(SPEC_JSON, "rest bench " + reasonCounter.incrementAndGet()), StandardCharsets.UTF_8))
                        .build();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                return response.statusCode() == 202 ? null : "http " + response.statusCode();
            };
        }

        /** {@code concurrency} threads, each calling in a loop until the time is up; calls in flight then still count. */
        Segment segment(Call call, double durationSeconds) throws InterruptedException {
            Longs[] latencies = new Longs[concurrency];
            long[] ok = new long[concurrency];
            long[] errors = new long[concurrency];
            Map<String, Long> errorKinds = new ConcurrentHashMap<>();
            Thread[] threads = new Thread[concurrency];
            CountDownLatch ready = new CountDownLatch(concurrency);
            CountDownLatch go = new CountDownLatch(1);
            long[] startHolder = new long[1];
            long durationNanos = (long) (durationSeconds * 1e9);
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                latencies[w] = new Longs();
                threads[w] = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long end = startHolder[0] + durationNanos;
                    long sequence = 0;
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        String error;
                        try {
                            error = call.call(worker, sequence++);
                        } catch (Exception e) {
                            error = "exception " + e.getClass().getSimpleName();
                        }
                        long took = System.nanoTime() - now;
                        if (error == null) {
                            ok[worker]++;
                            latencies[worker].add(took);
                        } else {
                            errors[worker]++;
                            errorKinds.merge(error, 1L, Long::sum);
                        }
                    }
                }, "load-" + w);
                threads[w].start();
            }
            ready.await();
            Cpu cpuBefore = Cpu.now(serverPid);
            startHolder[0] = System.nanoTime();
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            long nanos = System.nanoTime() - startHolder[0];
            Cpu cpu = Cpu.now(serverPid).minus(cpuBefore);
            return new Segment(Arrays.stream(ok).sum(), Arrays.stream(errors).sum(), nanos, latencies, errorKinds, cpu);
        }

        void run() throws Exception {
            // abba: each protocol runs two halves placed symmetrically, so that a drift (JIT, table growth) affects all alike.
            boolean abba = !order.equals("ab");
            List<String> protos = new ArrayList<>(List.of("grpc", "rest"));
            if (altChannels > 0) {
                protos.add("grpcalt");
            }
            if (abba) {
                List<String> back = new ArrayList<>(protos);
                java.util.Collections.reverse(back);
                protos.addAll(back);
            }
            double part = abba ? seconds / 2 : seconds;
            for (String op : new String[] { "read", "create" }) {
                if (warmup > 0) {
                    for (String proto : new String[] { "grpc", "rest" }) {
                        log("warm-up " + op + " " + proto + " " + warmup + "s");
                        Segment s = segment(call(op, proto), warmup);
                        out("warmup_" + op + "_" + proto, String.format("ok %d errors %d %.1f/s %s", s.ok, s.errors, s.ok / (s.nanos / 1e9), s.errorKinds));
                    }
                }
                Map<String, List<Segment>> segments = new LinkedHashMap<>();
                for (String proto : protos) {
                    log("measure " + op + " " + proto + " " + part + "s");
                    Segment s = segment(call(op, proto), part);
                    segments.computeIfAbsent(proto, k -> new ArrayList<>()).add(s);
                    out("segment_" + op + "_" + proto, String.format("ok %d errors %d %.1f/s", s.ok, s.errors, s.ok / (s.nanos / 1e9)));
                }
                Map<String, Double> rates = new HashMap<>();
                for (var entry : segments.entrySet()) {
                    String key = op + "_" + entry.getKey();
                    long ok = 0, errors = 0, nanos = 0;
                    Cpu cpu = new Cpu(0, 0, 0, 0);
                    Map<String, Long> kinds = new TreeMap<>();
                    int n = 0;
                    for (Segment s : entry.getValue()) {
                        ok += s.ok;
                        cpu = cpu.plus(s.cpu);
                        errors += s.errors;
                        nanos += s.nanos;
                        s.errorKinds.forEach((k, v) -> kinds.merge(k, v, Long::sum));
                        for (Longs l : s.latencies) {
                            n += l.size;
                        }
                    }
                    long[] all = new long[n];
                    int at = 0;
                    for (Segment s : entry.getValue()) {
                        for (Longs l : s.latencies) {
                            System.arraycopy(l.values, 0, all, at, l.size);
                            at += l.size;
                        }
                    }
                    Arrays.sort(all);
                    double rate = ok / (nanos / 1e9);
                    rates.put(entry.getKey(), rate);
                    out(key + "_ok", ok);
                    out(key + "_errors", errors);
                    out(key + "_error_kinds", kinds.isEmpty() ? "none" : kinds.toString());
                    out(key + "_seconds", String.format("%.2f", nanos / 1e9));
                    out(key + "_rps", String.format("%.1f", rate));
                    out(key + "_p50_ms", String.format("%.2f", percentile(all, 0.50) / 1e6));
                    out(key + "_p99_ms", String.format("%.2f", percentile(all, 0.99) / 1e6));
                    out(key + "_max_ms", String.format("%.2f", all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6));
                    long done = Math.max(1, ok + errors);
                    double cores = cpu.machineTotalNanos > 0 ? Runtime.getRuntime().availableProcessors() * (double) cpu.machineBusyNanos / cpu.machineTotalNanos : Double.NaN;
                    out(key + "_cpu", String.format("server %.3f, client %.3f, rest of machine (PostgreSQL, ...) %.3f ms CPU per call; machine busy %.2f of %d cores",
                            cpu.serverNanos / 1e6 / done, cpu.clientNanos / 1e6 / done,
                            (cpu.machineBusyNanos - cpu.serverNanos - cpu.clientNanos) / 1e6 / done, cores, Runtime.getRuntime().availableProcessors()));
                }
                out(op + "_ratio", String.format("%.2f", rates.get("grpc") / rates.get("rest")));
            }
            for (ManagedChannel channel : channels) {
                channel.shutdownNow();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Watch: N watchers, then measured events; latency = receive time - event created_at (SQL)
    // ------------------------------------------------------------------------------------------------

    /** One watcher's received events: event id -> receive time (epoch micros); the first arrival counts. */
    static final class Watcher {
        final Map<Long, Long> received = new ConcurrentHashMap<>();
        final AtomicInteger duplicates = new AtomicInteger();
        volatile boolean open = true;
        volatile String error;
        volatile long headersAt;
        volatile Runnable cancel = () -> { };

        void receive(long eventId, long atMicros) {
            if (received.putIfAbsent(eventId, atMicros) != null) {
                duplicates.incrementAndGet();
            }
        }
    }

    static final class Watch {
        final int port;
        final String token;
        final String proto;
        final String app;
        final String envPrefix;
        final int envs;
        final int watchers;
        final int channelCount;
        final int events;
        final long gapMs;
        final String db;
        final int serverPid;
        final double establishTimeout;
        final List<Watcher> list = new ArrayList<>();
        final List<ManagedChannel> channels = new ArrayList<>();
        ManagedChannel control;
        DeploymentServiceGrpc.DeploymentServiceBlockingStub controlStub;
        HttpClient sseClient;

        Watch(Map<String, String> options) throws Exception {
            port = Integer.parseInt(required(options, "port"));
            token = Files.readString(Path.of(required(options, "token-file"))).trim();
            proto = options.getOrDefault("proto", "grpc");
            app = options.getOrDefault("app", "watch");
            envPrefix = options.getOrDefault("env-prefix", "w-");
            envs = Integer.parseInt(options.getOrDefault("envs", "10"));
            watchers = Integer.parseInt(options.getOrDefault("watchers", "1000"));
            channelCount = Integer.parseInt(options.getOrDefault("channels", "20"));
            events = Integer.parseInt(options.getOrDefault("events", "10"));
            gapMs = Long.parseLong(options.getOrDefault("gap-ms", "2000"));
            db = required(options, "db");
            serverPid = Integer.parseInt(options.getOrDefault("server-pid", "0"));
            establishTimeout = Double.parseDouble(options.getOrDefault("establish-timeout", "60"));
        }

        void run() throws Exception {
            control = channel(port, token, false);
            controlStub = DeploymentServiceGrpc.newBlockingStub(control);
            String p = proto + "_";
            long openStart = System.nanoTime();
            if (proto.equals("grpc")) {
                openGrpc();
            } else {
                openSse();
            }
            double openedS = (System.nanoTime() - openStart) / 1e9;
            log(watchers + " " + proto + " watchers requested in " + String.format("%.2f", openedS) + "s");

            // Established = the server has subscribed the watcher to live events, shown by the watcher receiving
            // an event of a probe deployment made after it was opened. Probe again until every watcher got one.
            List<String> probes = new ArrayList<>();
            long deadline = System.nanoTime() + (long) (establishTimeout * 1e9);
            long headersBy = 0;
            int established = 0;
            while (System.nanoTime() < deadline) {
                probes.add(create("probe", proto + " probe " + probes.size()));
                long until = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < until && (established = countHaving(probeEventIds(probes))) < watchers) {
                    Thread.sleep(100);
                }
                if (established >= watchers) {
                    break;
                }
                log("established " + established + "/" + watchers + "; probing again");
            }
            double establishedS = (System.nanoTime() - openStart) / 1e9;
            headersBy = list.stream().filter(w -> w.headersAt > 0).count();
            out(p + "watchers_requested_s", String.format("%.2f", openedS));
            out(p + "watchers_with_headers", headersBy);
            out(p + "watchers_established", established);
            out(p + "established_after_s", String.format("%.2f", establishedS));
            out(p + "probes", probes.size());
            for (String probe : probes) {
                waitTerminal(probe);
            }
            Thread.sleep(500);

            // Measured events: one deployment per environment (no superseding), gapMs apart.
            List<String> ids = new ArrayList<>();
            Cpu cpuBefore = Cpu.now(serverPid);
            long measureStart = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long slot = measureStart + i * gapMs * 1_000_000L;
                long wait = slot - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                }
                ids.add(create(envPrefix + (i % envs + 1), proto + " watch " + i));
            }
            for (String id : ids) {
                waitTerminal(id);
            }
            Cpu cpu = Cpu.now(serverPid).minus(cpuBefore);
            double window = (System.nanoTime() - measureStart) / 1e9;
            // Expected: every event of the measured deployments, with the server's created_at (clock_timestamp()).
            Map<Long, long[]> expected = expectedEvents(ids);
            long graceUntil = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < graceUntil && !allReceived(expected.keySet())) {
                Thread.sleep(100);
            }
            Thread.sleep(300); // late duplicates, if any

            List<long[]> latencies = new ArrayList<>();
            long pairs = 0, missing = 0, duplicates = 0, negative = 0;
            int complete = 0, errored = 0, closed = 0;
            int minReceived = Integer.MAX_VALUE, maxReceived = 0;
            Map<Long, List<Long>> perEvent = new TreeMap<>();
            for (Watcher w : list) {
                int got = 0;
                for (var e : expected.entrySet()) {
                    pairs++;
                    Long at = w.received.get(e.getKey());
                    if (at == null) {
                        missing++;
                        continue;
                    }
                    got++;
                    long micros = at - e.getValue()[0];
                    if (micros < 0) {
                        negative++;
                    }
                    latencies.add(new long[] { micros });
                    perEvent.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(micros);
                }
                if (got == expected.size()) {
                    complete++;
                }
                minReceived = Math.min(minReceived, got);
                maxReceived = Math.max(maxReceived, got);
                duplicates += w.duplicates.get();
                if (w.error != null) {
                    errored++;
                }
                if (!w.open) {
                    closed++;
                }
            }
            long[] sorted = latencies.stream().mapToLong(a -> a[0]).sorted().toArray();
            out(p + "expected_events_per_watcher", expected.size());
            out(p + "deployments", ids.size());
            out(p + "pairs_expected", pairs);
            out(p + "pairs_received", sorted.length);
            out(p + "pairs_missing", missing);
            out(p + "duplicates", duplicates);
            out(p + "negative_latencies", negative);
            out(p + "watchers_complete", complete);
            out(p + "received_per_watcher_min", minReceived == Integer.MAX_VALUE ? 0 : minReceived);
            out(p + "received_per_watcher_max", maxReceived);
            out(p + "watchers_errored", errored);
            out(p + "watchers_closed_early", closed);
            String firstError = list.stream().map(w -> w.error).filter(e -> e != null).findFirst().orElse("none");
            out(p + "first_error", firstError.replace('\n', ' '));
            int n = Runtime.getRuntime().availableProcessors();
            out(p + "cpu", String.format("over the %.1f s from the first measured deployment to the last terminal one: Slipway %.2f cores, "
                    + "watcher JVM %.2f cores, machine busy %.2f of %d cores", window, cpu.serverNanos / 1e9 / window, cpu.clientNanos / 1e9 / window,
                    cpu.machineTotalNanos > 0 ? n * (double) cpu.machineBusyNanos / cpu.machineTotalNanos : Double.NaN, n));
            out(p + "latency_p50_ms", String.format("%.1f", percentile(sorted, 0.50) / 1e3));
            out(p + "latency_p90_ms", String.format("%.1f", percentile(sorted, 0.90) / 1e3));
            out(p + "latency_p99_ms", String.format("%.1f", percentile(sorted, 0.99) / 1e3));
            out(p + "latency_max_ms", String.format("%.1f", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e3));
            // Per event: first watcher (pipeline: commit -> NOTIFY -> read -> publish), median, last (fan-out).
            StringBuilder events = new StringBuilder();
            for (var e : perEvent.entrySet()) {
                long[] s = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
                events.append(String.format("%n     event %d %-11s n=%d  first %.1f  p50 %.1f  p99 %.1f  last %.1f ms",
                        e.getKey(), statusName(expected.get(e.getKey())[1]), s.length, s[0] / 1e3, percentile(s, 0.5) / 1e3,
                        percentile(s, 0.99) / 1e3, s[s.length - 1] / 1e3));
            }
            out(p + "per_event_begin", "");
            System.out.println(events.substring(events.length() > 0 ? System.lineSeparator().length() : 0));
            out(p + "per_event_end", "");
            for (Watcher w : list) {
                w.cancel.run();
            }
            for (ManagedChannel channel : channels) {
                channel.shutdownNow();
            }
            control.shutdownNow();
        }

        static final String[] STATUSES = { "UNSPECIFIED", "PENDING", "APPLYING", "PROGRESSING", "SUCCEEDED", "FAILED", "SUPERSEDED", "CANCELLED" };

        static String statusName(long code) {
            return code >= 0 && code < STATUSES.length ? STATUSES[(int) code] : "?";
        }

        void openGrpc() {
            for (int c = 0; c < channelCount; c++) {
                channels.add(channel(port, token, true));
            }
            WatchDeploymentsRequest request = WatchDeploymentsRequest.newBuilder().setApplication(app).build();
            for (int i = 0; i < watchers; i++) {
                Watcher watcher = new Watcher();
                list.add(watcher);
                ManagedChannel channel = channels.get(i % channelCount);
                DeploymentServiceGrpc.newStub(channel).watchDeployments(request, new ClientResponseObserver<WatchDeploymentsRequest, WatchDeploymentsResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<WatchDeploymentsRequest> call) {
                        watcher.cancel = () -> call.cancel("benchmark done", null);
                    }

                    @Override
                    public void onNext(WatchDeploymentsResponse response) {
                        long at = epochMicros(Instant.now());
                        watcher.headersAt = watcher.headersAt == 0 ? at : watcher.headersAt;
                        watcher.receive(response.getEvent().getId(), at);
                    }

                    @Override
                    public void onError(Throwable t) {
                        watcher.open = false;
                        Status status = Status.fromThrowable(t);
                        if (status.getCode() != Status.Code.CANCELLED) {
                            watcher.error = status.getCode() + " " + status.getDescription();
                        }
                    }

                    @Override
                    public void onCompleted() {
                        watcher.open = false;
                    }
                });
            }
        }

        void openSse() {
            sseClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/events?application=" + app);
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").GET().build();
            for (int i = 0; i < watchers; i++) {
                Watcher watcher = new Watcher();
                list.add(watcher);
                sseClient.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher()).whenComplete((response, failure) -> {
                    if (failure != null) {
                        watcher.open = false;
                        watcher.error = failure.toString();
                        return;
                    }
                    watcher.headersAt = epochMicros(Instant.now());
                    if (response.statusCode() != 200) {
                        watcher.open = false;
                        watcher.error = "http " + response.statusCode();
                    }
                    response.body().subscribe(new SseSubscriber(watcher));
                });
            }
        }

        /** Splits the SSE byte stream into lines; an "id:" line carries the event id (the JSON data follows). */
        static final class SseSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
            final Watcher watcher;
            final StringBuilder line = new StringBuilder();
            Flow.Subscription subscription;

            SseSubscriber(Watcher watcher) {
                this.watcher = watcher;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                watcher.cancel = subscription::cancel;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                long at = epochMicros(Instant.now());
                for (ByteBuffer buffer : buffers) {
                    String text = StandardCharsets.UTF_8.decode(buffer).toString();
                    for (int i = 0; i < text.length(); i++) {
                        char ch = text.charAt(i);
                        if (ch == '\n') {
                            String l = line.toString();
                            line.setLength(0);
                            if (l.startsWith("id:")) {
                                try {
                                    watcher.receive(Long.parseLong(l.substring(3).trim()), at);
                                } catch (NumberFormatException ignored) {
                                    // not an event id
                                }
                            }
                        } else if (ch != '\r') {
                            line.append(ch);
                        }
                    }
                }
            }

            @Override
            public void onError(Throwable throwable) {
                watcher.open = false;
                if (!(throwable instanceof java.util.concurrent.CancellationException)) {
                    watcher.error = watcher.error == null ? throwable.toString() : watcher.error;
                }
            }

            @Override
            public void onComplete() {
                watcher.open = false;
            }
        }

        final Map<String, String> environments = new ConcurrentHashMap<>();

        /** Creates a deployment over gRPC (whatever the watchers use) and returns its id. */
        String create(String environment, String reason) {
            String id = controlStub.withDeadlineAfter(10, TimeUnit.SECONDS).createDeployment(createRequest(app, environment, reason))
                    .getDeployment().getId();
            environments.put(id, environment);
            return id;
        }

        /** Blocks until the deployment is terminal (WaitDeployment, at most 30 s). */
        void waitTerminal(String id) {
            controlStub.withDeadlineAfter(40, TimeUnit.SECONDS).waitDeployment(WaitDeploymentRequest.newBuilder()
                    .setApplication(app).setEnvironment(environments.get(id)).setId(id)
                    .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(30)).build());
        }

        /** Event ids of the probe deployments (re-read while they are still being written). */
        java.util.Set<Long> probeEventIds(List<String> probes) throws Exception {
            return expectedEvents(probes).keySet();
        }

        int countHaving(java.util.Set<Long> ids) {
            if (ids.isEmpty()) {
                return 0;
            }
            int n = 0;
            for (Watcher w : list) {
                for (Long id : ids) {
                    if (w.received.containsKey(id)) {
                        n++;
                        break;
                    }
                }
            }
            return n;
        }

        boolean allReceived(java.util.Set<Long> ids) {
            for (Watcher w : list) {
                if (!w.received.keySet().containsAll(ids)) {
                    return false;
                }
            }
            return true;
        }

        /** event id -> {created_at in epoch micros, status code} of the given deployments, from PostgreSQL. */
        Map<Long, long[]> expectedEvents(List<String> deploymentIds) throws Exception {
            StringBuilder in = new StringBuilder();
            for (String id : deploymentIds) {
                if (!id.matches("[0-9a-f-]{36}")) {
                    throw new IllegalStateException("unexpected deployment id " + id);
                }
                in.append(in.length() == 0 ? "" : ",").append('\'').append(id).append('\'');
            }
            String sql = "SELECT id, (extract(epoch FROM created_at) * 1000000)::bigint, "
                    + "array_position(ARRAY['UNSPECIFIED','PENDING','APPLYING','PROGRESSING','SUCCEEDED','FAILED','SUPERSEDED','CANCELLED'], status::text) - 1 "
                    + "FROM deployment_events WHERE deployment_id IN (" + in + ") ORDER BY id";
            Process process = new ProcessBuilder("psql", "-XAtq", "-F", " ", db, "-c", sql).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("psql failed: " + output);
            }
            Map<Long, long[]> events = new TreeMap<>();
            for (String row : output.split("\n")) {
                if (row.isBlank()) {
                    continue;
                }
                String[] parts = row.trim().split(" ");
                events.put(Long.parseLong(parts[0]), new long[] { Long.parseLong(parts[1]), Long.parseLong(parts[2]) });
            }
            return events;
        }
    }
}
