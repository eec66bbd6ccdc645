package dev.slipway.deployment.score;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Score schema file itself: a valid draft 2020-12 schema that says what it follows, and accepts the documented shapes. */
class ScoreSchemaTest {
    private static JsonNode schema() throws IOException {
        try (InputStream in = ScoreSchemaTest.class.getClassLoader().getResourceAsStream(ScoreSchema.RESOURCE)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void isAValidDraft202012SchemaThatNamesTheSpecVersionItFollows() throws IOException {
        JsonNode schema = schema();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertTrue(schema.path("$comment").asText().contains("score.dev/v1b1"));
        var metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertEquals(List.of(), metaSchema.validate(schema));
    }

    @Test
    void acceptsAWorkloadUsingEveryDocumentedField() throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree("""
                apiVersion: score.dev/v1b1
                metadata:
                  name: hello-world
                  annotations: {example.com/owner: payments}
                  anything: goes
                service:
                  ports:
                    www: {port: 80, targetPort: 8080, protocol: TCP}
                containers:
                  web:
                    image: ghcr.io/acme/web:1
                    command: [/bin/web]
                    args: [--port, "8080"]
                    variables: {DB: "${resources.db.host}"}
                    files:
                      - {target: /etc/a, mode: "0644", content: "x"}
                      - {target: /etc/b, source: ./b.conf, noExpand: true}
                    volumes:
                      - {source: "${resources.data}", path: sub, target: /data, readOnly: true}
                    resources:
                      limits: {cpu: "1", memory: 1Gi}
                      requests: {cpu: 250m, memory: 512Mi}
                    livenessProbe:
                      httpGet:
                        scheme: HTTPS
                        host: localhost
                        path: /alive
                        port: 8080
                        httpHeaders: [{name: X-Probe, value: "1"}]
                    readinessProbe:
                      exec: {command: [cat, /tmp/ready]}
                resources:
                  db:
                    type: postgres
                    class: large
                    id: shared.main-db
                    metadata: {annotations: {a: b}}
                    params: {version: 16}
                """);
        assertEquals(List.of(), ScoreSchema.violations(document));
    }
}
