package dev.slipway.api.rest;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.slipway.access.RequestOrigin;
import dev.slipway.api.ErrorKind;
import dev.slipway.api.PageRequest;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every operation has in common, written into the contract once from the rules the code
 * follows, instead of on each of the ~70 operations where it would drift:
 * <ul>
 * <li>the error statuses an operation can answer, each an RFC 9457 problem described from the one
 * {@link ErrorKind} table, derived from what the operation takes (a body can be invalid, too large
 * or of the wrong media type; a path names something that may not exist; If-Match may be stale;
 * an Idempotency-Key may be reused; every operation needs a token and a permission, and meets an
 * unavailable database);</li>
 * <li>the response headers the code sets: X-Request-Id on every answer, ETag on the 2xx of every
 * operation answering one versioned resource (its schema has an {@code etag}), Location on
 * creates, Idempotent-Replayed where an Idempotency-Key is taken, Retry-After on 503;</li>
 * <li>{@code additionalProperties: false} on every schema a request body can reach: the JSON
 * reader refuses unknown fields (quarkus.jackson.fail-on-unknown-properties), and the contract
 * says so. Response schemas stay open so clients tolerate fields added later.</li>
 * </ul>
 */
public class ContractFilter implements OASFilter {
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String PROBLEM_REF = SCHEMAS + "Problem";
    static final String ETAG = "ETag";
    static final String LOCATION = "Location";
    static final String RETRY_AFTER = "Retry-After";

    private static final Map<String, String> HEADERS = new TreeMap<>(Map.of(
            RequestOrigin.HEADER, "The request id: the caller's X-Request-Id, or one assigned here. Audit events and logs quote it.",
            ETAG, "The resource's entity tag (its version): send it back in If-Match to make a change conditional.",
            LOCATION, "The URL of the created resource, or of the resource to watch for work that continues in the background.",
            RestResponses.REPLAYED_HEADER, "true when this answer was replayed for a repeated Idempotency-Key (nothing new was created).",
            RETRY_AFTER, "Seconds to wait before retrying.",
            "WWW-Authenticate", "Bearer: the request needs a valid OIDC access token."));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ContractDefinition.apply(openAPI);
        Components components = openAPI.getComponents();
        HEADERS.forEach((name, description) -> components.addHeader(name, OASFactory.createHeader().description(description)
                .schema(name.equals(RETRY_AFTER)
                        ? OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").minimum(BigDecimal.ZERO)
                        : OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
        Map<String, Schema> schemas = components.getSchemas() == null ? Map.of() : components.getSchemas();
        Set<String> requestSchemas = new HashSet<>();
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
                describeParameters(operation);
                describeResponses(path, method, operation, schemas);
                if (operation.getRequestBody() != null) {
                    requestSchemas.addAll(referencedSchemas(operation.getRequestBody().getContent()));
                }
            }));
        }
        closeRequestSchemas(requestSchemas, schemas);
    }

    /**
     * Paging parameters say what {@link PageRequest} enforces, and integer parameters their width
     * (the resources read them as Java int).
     */
    private static void describeParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            Schema schema = parameter.getSchema();
            if (schema == null) {
                continue;
            }
            if ("pageSize".equals(parameter.getName())) {
                schema.minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(PageRequest.MAX_PAGE_SIZE))
                        .defaultValue(PageRequest.DEFAULT_PAGE_SIZE);
            } else if ("pageToken".equals(parameter.getName())) {
                schema.maxLength(PageRequest.MAX_TOKEN_LENGTH);
            }
            if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.INTEGER) && schema.getFormat() == null) {
                schema.format("int32");
            }
        }
    }

    private static void describeResponses(String path, PathItem.HttpMethod method, Operation operation, Map<String, Schema> schemas) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean hasBody = operation.getRequestBody() != null;
        boolean ifMatch = parameters.stream().anyMatch(p -> "If-Match".equals(p.getName()));
        boolean idempotencyKey = parameters.stream().anyMatch(p -> ApiHeaders.IDEMPOTENCY_KEY.equals(p.getName()));
        boolean queryOrHeader = parameters.stream()
                .anyMatch(p -> p.getIn() == Parameter.In.QUERY || p.getIn() == Parameter.In.HEADER);

        Map<Integer, ErrorKind> statuses = new TreeMap<>();
        statuses.put(401, ErrorKind.UNAUTHENTICATED);
        statuses.put(403, ErrorKind.FORBIDDEN);
        statuses.put(500, ErrorKind.INTERNAL);
        statuses.put(503, ErrorKind.UNAVAILABLE);
        if (hasBody || queryOrHeader || path.contains("{")) {
            statuses.put(400, ErrorKind.INVALID);
        }
        if (path.contains("{")) {
            statuses.put(404, ErrorKind.NOT_FOUND);
        }
        if (method != PathItem.HttpMethod.GET) {
            statuses.put(409, ErrorKind.CONFLICT);
        }
        if (ifMatch) {
            statuses.put(412, ErrorKind.PRECONDITION_FAILED);
        }
        if (hasBody) {
            statuses.put(413, ErrorKind.PAYLOAD_TOO_LARGE);
            statuses.put(415, ErrorKind.UNSUPPORTED_MEDIA_TYPE);
        }
        if (idempotencyKey) {
            statuses.put(422, ErrorKind.IDEMPOTENCY_KEY_REUSED);
        }
        statuses.forEach((status, kind) -> {
            APIResponse response = responses.getAPIResponse(String.valueOf(status));
            if (response == null) {
                response = OASFactory.createAPIResponse().description(describe(status, kind));
                responses.addAPIResponse(String.valueOf(status), response);
            } else if (response.getDescription() == null || response.getDescription().isBlank()
                    || response.getDescription().equals("Not Authorized") || response.getDescription().equals("Not Allowed")) {
                response.setDescription(describe(status, kind)); // the framework's generic words
            }
        });
        responses.getAPIResponses().forEach((code, response) -> {
            addHeader(response, RequestOrigin.HEADER);
            if (code.startsWith("2")) {
                if (answersVersionedResource(response, schemas)) {
                    addHeader(response, ETAG);
                }
                if (code.equals("201") || (code.equals("202") && method == PathItem.HttpMethod.POST)) {
                    addHeader(response, LOCATION);
                }
                if (idempotencyKey) {
                    addHeader(response, RestResponses.REPLAYED_HEADER);
                }
            } else if (!code.equals("default") && response.getContent() == null) {
                response.setContent(problemContent());
            }
            if (code.equals("503") || (code.equals("409") && idempotencyKey)) {
                addHeader(response, RETRY_AFTER);
            }
            if (code.equals("401")) {
                addHeader(response, "WWW-Authenticate");
            }
        });
        responses.addAPIResponse("default", OASFactory.createAPIResponse()
                .description("Any other error, as RFC 9457 problem details (for example 406 when only JSON can be answered).")
                .content(problemContent()));
    }

    private static String describe(int status, ErrorKind kind) {
        String why = switch (status) {
            case 400 -> "The request is not valid: errors[] names each field and what is wrong with it";
            case 401 -> "No valid bearer token";
            case 403 -> "The caller may see the resource but may not do this";
            case 404 -> "The resource does not exist, or the caller may not see it";
            case 409 -> "The request conflicts with the current state (the detail says how)";
            case 412 -> "If-Match names a version that is no longer current";
            case 413 -> "The body is over 1 MiB";
            case 415 -> "The body's media type is not accepted here";
            case 422 -> "The Idempotency-Key was used before with another request";
            case 500 -> "An unexpected failure; the detail quotes an id for the platform team";
            case 503 -> "A dependency (the database) is unavailable; retry after Retry-After seconds";
            default -> kind.title();
        };
        return why + " (" + kind.typeUri() + ").";
    }

    private static void addHeader(APIResponse response, String name) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            Header reference = OASFactory.createHeader().ref(name);
            response.addHeader(name, reference);
        }
    }

    /** Whether the response body is one resource that carries its version (an {@code etag} field). */
    private static boolean answersVersionedResource(APIResponse response, Map<String, Schema> schemas) {
        for (String name : referencedSchemas(response.getContent())) {
            Schema schema = schemas.get(name);
            if (schema != null && schema.getProperties() != null && schema.getProperties().containsKey("etag")) {
                return true;
            }
        }
        return false;
    }

    /** The component schemas a body refers to directly. */
    private static Set<String> referencedSchemas(Content content) {
        Set<String> names = new HashSet<>();
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType media : content.getMediaTypes().values()) {
                if (media.getSchema() != null && media.getSchema().getRef() != null) {
                    names.add(media.getSchema().getRef().substring(SCHEMAS.length()));
                }
            }
        }
        return names;
    }

    /** additionalProperties: false on every object schema a request body reaches, unless it is a map. */
    private static void closeRequestSchemas(Set<String> roots, Map<String, Schema> schemas) {
        Deque<Schema> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        roots.forEach(name -> enqueue(name, schemas, seen, pending));
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null && schema.getRef().startsWith(SCHEMAS)) {
                enqueue(schema.getRef().substring(SCHEMAS.length()), schemas, seen, pending);
                continue;
            }
            if (schema.getProperties() != null && !schema.getProperties().isEmpty()
                    && schema.getAdditionalPropertiesSchema() == null && schema.getAdditionalPropertiesBoolean() == null) {
                schema.setAdditionalPropertiesBoolean(Boolean.FALSE);
            }
            if (schema.getProperties() != null) {
                pending.addAll(schema.getProperties().values());
            }
            if (schema.getItems() != null) {
                pending.add(schema.getItems());
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                pending.add(schema.getAdditionalPropertiesSchema());
            }
        }
    }

    private static void enqueue(String name, Map<String, Schema> schemas, Set<String> seen, Deque<Schema> pending) {
        if (seen.add(name) && schemas.containsKey(name) && !name.equals("Problem")) {
            pending.add(schemas.get(name));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(ApiHeaders.PROBLEM_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }
}
