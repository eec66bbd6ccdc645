package dev.slipway.client.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.client.ApiClient;
import dev.slipway.client.ApiException;
import dev.slipway.client.api.AccessApi;
import dev.slipway.client.api.ApplicationsApi;
import dev.slipway.client.api.ClustersApi;
import dev.slipway.client.api.ConfigurationApi;
import dev.slipway.client.api.DeploymentsApi;
import dev.slipway.client.api.EnvironmentTypesApi;
import dev.slipway.client.api.EnvironmentsApi;
import dev.slipway.client.api.FreezesApi;
import dev.slipway.client.api.InfrastructureApi;
import dev.slipway.client.api.OperationsApi;
import dev.slipway.client.model.Deployment;
import dev.slipway.client.model.DeploymentEvent;
import dev.slipway.client.model.LogLine;
import dev.slipway.client.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Slipway SDK's entry point: the generated API classes, set up with a token source, an
 * Idempotency-Key on every create, and what the generated code cannot do (event streams, waiting
 * for a deployment, If-Match from a fetched object, problem documents).
 *
 * <pre>{@code
 * Slipway slipway = Slipway.builder("https://slipway.example.com")
 *         .tokenSource(RefreshingTokenSource.clientCredentials(OidcProvider.discover(issuer), id, secret, null))
 *         .build();
 * Deployment started = slipway.deployments().createDeployment("shop", "staging", request, null);
 * Deployment done = slipway.awaitDeployment("shop", "staging", started.getId(), Duration.ofMinutes(10), event -> ...);
 * }</pre>
 */
public final class Slipway {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String PROBLEM_ONLY = "application/problem+json";

    private final ApiClient client;
    private final TokenSource tokens;
    private final String baseUri;

    private Slipway(ApiClient client, TokenSource tokens, String baseUri) {
        this.client = client;
        this.tokens = tokens;
        this.baseUri = baseUri;
    }

    public static Builder builder(String serverUrl) {
        return new Builder(serverUrl);
    }

    /** Builds a {@link Slipway}. */
    public static final class Builder {
        private final String serverUrl;
        private TokenSource tokenSource;
        private boolean idempotencyKeys = true;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout;

        private Builder(String serverUrl) {
            this.serverUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        }

        /** Where each request's bearer token comes from; without one, requests carry none. */
        public Builder tokenSource(TokenSource tokenSource) {
            this.tokenSource = tokenSource;
            return this;
        }

        /**
         * false: do not add an Idempotency-Key to creates that were given none. By default each
         * create and rollback carries a fresh key, so a retried request cannot create twice.
         */
        public Builder idempotencyKeys(boolean enabled) {
            this.idempotencyKeys = enabled;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** Longest wait for each (non-streaming) response; none by default. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        public Slipway build() {
            ApiClient client = new ApiClient(HttpClient.newBuilder().connectTimeout(connectTimeout), requestMapper(), serverUrl);
            client.setReadTimeout(readTimeout);
            TokenSource source = tokenSource;
            boolean keys = idempotencyKeys;
            // Set before any API object is made: the generated classes copy the interceptor when built.
            client.setRequestInterceptor(request -> {
                if (source != null) {
                    request.setHeader("Authorization", "Bearer " + source.accessToken());
                }
                HttpRequest built = request.build();
                if (keys && wantsIdempotencyKey(built)) {
                    request.setHeader(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
                }
                // Operations without a response body (deletes) are generated accepting only problem
                // documents, which the server's content negotiation refuses with 406.
                if (built.headers().firstValue("Accept").filter(PROBLEM_ONLY::equals).isPresent()) {
                    request.setHeader("Accept", "application/json, " + PROBLEM_ONLY);
                }
            });
            return new Slipway(client, source, serverUrl);
        }
    }

    /**
     * The generated models start every list and map as an empty one, so a request would carry
     * fields the caller never set ("workloads": {} beside containers is refused). Empty
     * collections are left out instead, as Slipway leaves out unset fields in its answers.
     */
    static ObjectMapper requestMapper() {
        ObjectMapper mapper = ApiClient.createDefaultObjectMapper();
        JsonInclude.Value nonEmpty = JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS);
        for (Class<?> collection : List.of(Map.class, List.class, Set.class)) {
            mapper.configOverride(collection).setInclude(nonEmpty);
        }
        return mapper;
    }

    /** Creates (POST to a collection) and rollbacks take an Idempotency-Key; other POSTs are actions or queries. */
    static boolean wantsIdempotencyKey(HttpRequest request) {
        if (!"POST".equals(request.method()) || request.headers().firstValue(IDEMPOTENCY_KEY).isPresent()) {
            return false;
        }
        String path = request.uri().getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.endsWith(":rollback") || (!last.contains(":") && !path.endsWith("/access/check"));
    }

    public ApiClient apiClient() {
        return client;
    }

    public ObjectMapper objectMapper() {
        return client.getObjectMapper();
    }

    public ApplicationsApi applications() {
        return new ApplicationsApi(client);
    }

    public EnvironmentsApi environments() {
        return new EnvironmentsApi(client);
    }

    public EnvironmentTypesApi environmentTypes() {
        return new EnvironmentTypesApi(client);
    }

    public ConfigurationApi configuration() {
        return new ConfigurationApi(client);
    }

    public DeploymentsApi deployments() {
        return new DeploymentsApi(client);
    }

    public AccessApi access() {
        return new AccessApi(client);
    }

    public FreezesApi freezes() {
        return new FreezesApi(client);
    }

    public InfrastructureApi infrastructure() {
        return new InfrastructureApi(client);
    }

    public OperationsApi operations() {
        return new OperationsApi(client);
    }

    public ClustersApi clusters() {
        return new ClustersApi(client);
    }

    /**
     * The If-Match value for an update or delete based on an object read before: its etag.
     * Works with every generated model that has one (Application, Environment, configs, ...).
     */
    public static String ifMatch(Object fetched) {
        try {
            Method etag = fetched.getClass().getMethod("getEtag");
            Object value = etag.invoke(fetched);
            if (value == null) {
                throw new IllegalArgumentException(fetched.getClass().getSimpleName() + " was read without an etag");
            }
            return value.toString();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(fetched.getClass().getSimpleName() + " has no etag", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RFC 9457 problem document of a failed call, when the server sent one. */
    public Optional<Problem> problem(ApiException e) {
        return Problems.parse(e, objectMapper());
    }

    /** Status changes of one deployment; {@code lastEventId} "0" replays them from the start, null only new ones. */
    public EventStream<DeploymentEvent> deploymentEvents(String application, String environment, String deploymentId, String lastEventId)
            throws ApiException {
        return stream(path("applications", application, "environments", environment, "deployments", deploymentId, "events"), Map.of(),
                lastEventId, DeploymentEvent.class, "deployment");
    }

    /** Status changes of every deployment the caller may see, or of one application (and environment). */
    public EventStream<DeploymentEvent> events(String application, String environment, boolean approvalsOnly, String lastEventId)
            throws ApiException {
        Map<String, String> query = new LinkedHashMap<>();
        if (application != null) {
            query.put("application", application);
        }
        if (environment != null) {
            query.put("environment", environment);
        }
        if (approvalsOnly) {
            query.put("approvals", "true");
        }
        return stream("/api/v1/events", query, lastEventId, DeploymentEvent.class, "deployment");
    }

    /**
     * Follows the logs of an environment's pods: lines as they are written, until the server ends
     * the stream. {@code filters} are the getLogs query parameters (container, pod, workload,
     * tailLines, sinceSeconds).
     */
    public EventStream<LogLine> followLogs(String application, String environment, Map<String, String> filters) throws ApiException {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("follow", "true");
        return stream(path("applications", application, "environments", environment, "logs"), query, null, LogLine.class, "log");
    }

    /**
     * Waits until the deployment ends (SUCCEEDED, FAILED, SUPERSEDED or CANCELLED) and returns it;
     * {@code progress} (may be null) sees each status change meanwhile.
     *
     * @throws DeploymentTimeoutException when it has not ended within {@code timeout}
     */
    public Deployment awaitDeployment(String application, String environment, String deploymentId, Duration timeout,
            Consumer<DeploymentEvent> progress) throws ApiException {
        return new DeploymentWaiter(this).await(application, environment, deploymentId, timeout, progress);
    }

    private <T> EventStream<T> stream(String path, Map<String, String> query, String lastEventId, Class<T> type, String eventName)
            throws ApiException {
        String queryString = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> ApiClient.urlEncode(e.getKey()) + "=" + ApiClient.urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path + queryString))
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        client.getRequestInterceptor().accept(request);
        try {
            HttpResponse<InputStream> response = client.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                throw new ApiException(response.statusCode(), "GET " + path + " answered " + response.statusCode(), response.headers(), body);
            }
            return new EventStream<>(response.body(), objectMapper(), type, eventName);
        } catch (IOException e) {
            throw new ApiException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(e);
        }
    }

    private static String path(String... segments) {
        StringBuilder path = new StringBuilder("/api/v1");
        for (int i = 0; i < segments.length; i++) {
            // Odd positions are names and ids given by the caller; even ones are the fixed words of the path.
            path.append('/').append(i % 2 == 1 ? ApiClient.urlEncode(segments[i]) : segments[i]);
        }
        return path.toString();
    }

    TokenSource tokenSource() {
        return tokens;
    }
}
