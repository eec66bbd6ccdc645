package dev.slipway.api.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes REST Assured would clean up before sending: malformed UTF-8, other charsets, fractions
 * where integers belong, and bodies streamed past the limit. Each is refused with a problem, never
 * stored as something the caller did not send.
 */
@QuarkusTest
class HostileBytesTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URL base;

    @Test
    void refusesAnOverlongEncoding() throws Exception {
        // C0 AF is an overlong '/', which a lenient decoder turns into a path separator.
        assertBadUtf8(createWithDescription(new byte[]{ 'a', (byte) 0xC0, (byte) 0xAF, 'b' }, "application/json"));
    }

    @Test
    void refusesAnEncodedLoneSurrogate() throws Exception {
        assertBadUtf8(createWithDescription(new byte[]{ 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b' }, "application/json"));
    }

    @Test
    void refusesAnEscapedLoneSurrogate() throws Exception {
        HttpResponse<String> response = createWithDescription("a\\ud800b".getBytes(StandardCharsets.US_ASCII), "application/json");
        Map<?, ?> problem = assertProblem(response, 400);
        assertEquals("description", ((Map<?, ?>) ((java.util.List<?>) problem.get("errors")).get(0)).get("field"));
    }

    @Test
    void keepsAValidSurrogatePair() throws Exception {
        HttpResponse<String> response = createWithDescription("a\\ud83d\\ude00b".getBytes(StandardCharsets.US_ASCII), "application/json");
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("a😀b", JSON.readValue(response.body(), Map.class).get("description"));
    }

    @Test
    void refusesAnotherCharset() throws Exception {
        String name = Names.unique("utf16");
        byte[] body = ("{\"name\":\"" + name + "\",\"ownerGroup\":\"team-a\"}").getBytes(StandardCharsets.UTF_16);
        assertProblem(send("POST", "/api/v1/applications", body, "application/json; charset=utf-16"), 415);
        assertEquals(201, send("POST", "/api/v1/applications",
                ("{\"name\":\"" + name + "\",\"ownerGroup\":\"team-a\"}").getBytes(StandardCharsets.UTF_8),
                "application/json; charset=UTF-8")
                .statusCode(), "UTF-8 declared explicitly is fine");
    }

    @Test
    void refusesAFractionWhereAnIntegerBelongs() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/applications/" + Names.unique("none") + "/environments/dev:scale",
                "{\"replicas\":1.5}".getBytes(StandardCharsets.UTF_8), "application/json");
        Map<?, ?> problem = assertProblem(response, 400);
        assertEquals("replicas", ((Map<?, ?>) ((java.util.List<?>) problem.get("errors")).get(0)).get("field"));
    }

    @Test
    void answersAChunkedBodyOverTheLimitWithAProblem() throws Exception {
        String head = "POST /api/v1/applications HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.bearer(ALICE)
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        String raw = exchange(head, chunked(1024 * 1024 + 4096));
        assertTrue(raw.startsWith("HTTP/1.1 413"), raw.lines().findFirst().orElse(raw));
        assertRawProblem(raw, 413);
    }

    @Test
    void acceptsAChunkedBodyWithinTheLimit() throws Exception {
        String name = Names.unique("chunked");
        byte[] json = ("{\"name\":\"" + name + "\",\"ownerGroup\":\"team-a\"}").getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/applications HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.bearer(ALICE)
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((Integer.toHexString(json.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(json);
        body.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String raw = exchange(head, body.toByteArray());
        assertTrue(raw.startsWith("HTTP/1.1 201"), raw);
        assertTrue(raw.contains("\"name\":\"" + name + "\""), raw);
    }

    @Test
    void answersALongUriWithAProblem() throws Exception {
        String raw = exchange(
                "GET /api/v1/applications/" + "a".repeat(RequestHeadLimits.MAX_URI_LENGTH) + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                new byte[0]);
        assertTrue(raw.startsWith("HTTP/1.1 414"), raw.lines().findFirst().orElse(raw));
        assertRawProblem(raw, 414);
    }

    @Test
    void answersHugeHeadersWithAProblem() throws Exception {
        String raw = exchange("GET /api/v1/applications HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "p".repeat(RequestHeadLimits.MAX_HEADER_BYTES) + "\r\n\r\n", new byte[0]);
        assertTrue(raw.startsWith("HTTP/1.1 431"), raw.lines().findFirst().orElse(raw));
        assertRawProblem(raw, 431);
    }

    private static void assertRawProblem(String raw, int status) {
        assertTrue(raw.toLowerCase().contains("content-type: application/problem+json"), raw);
        assertTrue(raw.contains("\"status\":" + status) && raw.contains("\"title\"") && raw.contains("\"detail\""), raw);
    }

    private HttpResponse<String> createWithDescription(byte[] description, String contentType) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"name\":\"" + Names.unique("bytes") + "\",\"ownerGroup\":\"team-a\",\"description\":\"")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(description);
        body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        return send("POST", "/api/v1/applications", body.toByteArray(), contentType);
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve(URI.create(path))).timeout(Duration.ofSeconds(10))
                .header("Authorization", TestTokens.bearer(ALICE)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertBadUtf8(HttpResponse<String> response) throws IOException {
        Map<?, ?> problem = assertProblem(response, 400);
        assertTrue(String.valueOf(problem.get("detail")).contains("UTF-8"), response.body());
    }

    private static Map<?, ?> assertProblem(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        Map<?, ?> problem = JSON.readValue(response.body(), Map.class);
        assertEquals(status, problem.get("status"));
        assertTrue(problem.get("title") != null && problem.get("detail") != null, response.body());
        return problem;
    }

    private static byte[] chunked(int total) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
        for (int sent = 0; sent < total; sent += chunk.length) {
            out.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(chunk);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Sends raw bytes and reads the answer; the server may close before taking the whole request, as it should. */
    private String exchange(String head, byte[] rest) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(rest);
                out.flush();
            } catch (IOException refusedMidway) {
                // The answer is already on its way; read it below.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    answer.write(buffer, 0, read);
                    if (answer.toString(StandardCharsets.ISO_8859_1).contains("}")) {
                        break;
                    }
                }
            } catch (IOException closed) {
                // What arrived before the close is the answer.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
