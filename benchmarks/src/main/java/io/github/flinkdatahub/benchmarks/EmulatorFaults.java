package io.github.flinkdatahub.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator process's fault rules, driven over its admin endpoint ({@code /__emulator/faults})
 * as a user would with curl: the added latency of a topic, and the count of requests that got it.
 */
final class EmulatorFaults {
    private static final Pattern DELAYED = Pattern.compile("\"delayed\"\\s*:\\s*(\\d+)");

    private final String endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    EmulatorFaults(EmulatorProcess emulator) {
        this.endpoint = emulator.endpoint();
    }

    /** Every request on the topic waits {@code millis} before it is served; 0 removes the rule. */
    void latency(String project, String topic, long millis) throws Exception {
        String query = "?project=" + encode(project) + "&topic=" + encode(topic);
        if (millis == 0) {
            send(HttpRequest.newBuilder(uri(query)).DELETE());
        } else {
            send(
                    HttpRequest.newBuilder(uri(query))
                            .PUT(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"latencyMillis\":" + millis + "}")));
        }
    }

    /**
     * Requests that got added latency since the emulator started (all scopes together): with a rule
     * on one topic only, the requests on that topic.
     */
    long delayedRequests() throws Exception {
        String body = send(HttpRequest.newBuilder(uri("")).GET());
        Matcher m = DELAYED.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("No 'delayed' count in the emulator's answer " + body);
        }
        return Long.parseLong(m.group(1));
    }

    private URI uri(String query) {
        return URI.create(endpoint + "/__emulator/faults" + query);
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        // A hang guard: an emulator that stopped answering fails the run instead of stalling it.
        HttpResponse<String> response =
                http.send(
                        request.timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "The emulator's fault endpoint answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return response.body();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
