package io.github.flinkdatahub.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to Flink's REST endpoints (the JobManager's and the SQL Gateway's). */
final class JsonHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String whereToLook;

    JsonHttp(URI base, String whereToLook) {
        this.base = base;
        this.whereToLook = whereToLook;
    }

    URI base() {
        return base;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    JsonNode post(String path, Object body) {
        try {
            return send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            MAPPER.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode patch(String path, Object body) {
        try {
            return send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .header("Content-Type", "application/json")
                            .method(
                                    "PATCH",
                                    HttpRequest.BodyPublishers.ofString(
                                            MAPPER.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    built.method() + " " + built.uri() + " failed; see " + whereToLook, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new RestException(
                    built.method()
                            + " "
                            + built.uri()
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + errorText(body, response.body())
                            + "\n(see "
                            + whereToLook
                            + ")",
                    response.statusCode());
        }
        return body;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(text);
        }
    }

    /** Flink answers errors as {"errors": ["message", "stack trace ..."]}. */
    private static String errorText(JsonNode body, String raw) {
        JsonNode errors = body.path("errors");
        if (!errors.isArray()) {
            return raw;
        }
        StringBuilder text = new StringBuilder();
        errors.forEach(e -> text.append(e.asText()).append('\n'));
        return text.toString();
    }

    /**
     * A non-2xx answer; the message holds Flink's error text (for the gateway, the full cause
     * chain).
     */
    static final class RestException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        RestException(String message, int status) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
