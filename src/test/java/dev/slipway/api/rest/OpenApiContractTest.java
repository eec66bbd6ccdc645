package dev.slipway.api.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * openapi/slipway.yaml is the published contract. The server generates its document from the
 * code; when the two differ, either the code broke the contract or the contract was not updated.
 * The served document is written to target/openapi-served.yaml so the fix is a copy after review.
 */
@QuarkusTest
class OpenApiContractTest {
    private static final Path CONTRACT = Path.of("openapi", "slipway.yaml");
    private static final Path SERVED_COPY = Path.of("target", "openapi-served.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void servedDocumentEqualsTheCheckedInContract() throws IOException {
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        Files.createDirectories(SERVED_COPY.getParent());
        Files.writeString(SERVED_COPY, served);
        assertTrue(Files.exists(CONTRACT), "missing " + CONTRACT + "; review and copy " + SERVED_COPY);
        JsonNode expected = YAML.readTree(CONTRACT.toFile());
        JsonNode actual = YAML.readTree(served);
        assertTrue(expected.equals(actual), "the served OpenAPI document differs from " + CONTRACT
                + "; if the API change is intended, review `diff " + CONTRACT + " " + SERVED_COPY + "` and copy it over");
    }

    @Test
    void contractIsOpenApi31WithADescriptionOnEveryOperationAndField() throws IOException {
        JsonNode contract = YAML.readTree(CONTRACT.toFile());
        assertTrue(contract.path("openapi").asText().startsWith("3.1"), "OpenAPI 3.1 expected");
        List<String> undocumented = new ArrayList<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (operation.getValue().path("description").asText().isBlank() || operation.getValue().path("summary").asText().isBlank()) {
                undocumented.add(operation.getKey() + " " + path.getKey());
            }
            operation.getValue().path("parameters").forEach(parameter -> {
                if (parameter.path("description").asText().isBlank()) {
                    undocumented.add(operation.getKey() + " " + path.getKey() + " parameter " + parameter.path("name").asText());
                }
            });
        }));
        contract.path("components").path("schemas").fields().forEachRemaining(schema -> {
            if (schema.getValue().path("description").asText().isBlank()) {
                undocumented.add("schema " + schema.getKey());
            }
            for (Iterator<Map.Entry<String, JsonNode>> properties = schema.getValue().path("properties").fields(); properties.hasNext();) {
                Map.Entry<String, JsonNode> property = properties.next();
                if (property.getValue().path("description").asText().isBlank()) {
                    undocumented.add("schema " + schema.getKey() + " field " + property.getKey());
                }
            }
        });
        assertEquals(List.of(), undocumented, "every operation, parameter, schema and field needs a description");
    }
}
