package dev.slipway.client.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.client.ApiException;
import dev.slipway.client.model.Problem;
import java.io.IOException;
import java.util.Optional;

/** Reading the RFC 9457 problem documents that Slipway answers errors with. */
public final class Problems {
    private Problems() {
    }

    public static Optional<Problem> parse(ApiException e, ObjectMapper mapper) {
        String body = e.getResponseBody();
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            Problem problem = mapper.readValue(body, Problem.class);
            return problem.getTitle() == null && problem.getDetail() == null ? Optional.empty() : Optional.of(problem);
        } catch (IOException notAProblem) {
            return Optional.empty();
        }
    }

    /** One readable line: "title: detail (HTTP status)", or what is known without a problem document. */
    public static String describe(ApiException e, ObjectMapper mapper) {
        if (e.getCode() == 0) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "cannot reach the server: " + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        }
        return parse(e, mapper).map(p -> {
            StringBuilder line = new StringBuilder(p.getTitle() != null ? p.getTitle() : "error");
            if (p.getDetail() != null && !p.getDetail().equals(p.getTitle())) {
                line.append(": ").append(p.getDetail());
            }
            if (p.getErrors() != null && !p.getErrors().isEmpty()) {
                line.append(" [");
                line.append(String.join("; ", p.getErrors().stream().map(f -> f.getField() + " " + f.getMessage()).toList()));
                line.append("]");
            }
            return line.append(" (HTTP ").append(e.getCode()).append(")").toString();
        }).orElse("HTTP " + e.getCode() + (e.getResponseBody() == null || e.getResponseBody().isBlank() ? ""
                : ": " + e.getResponseBody().strip().lines().findFirst().orElse("")));
    }
}
