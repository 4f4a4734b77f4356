package io.github.flinkdatahub.emulator;

import io.github.flinkdatahub.client.protocol.signing.RequestSigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Raw signed requests, for calls our client does not make (e.g. the Java SDK's VPC whitelist). */
final class SignedHttp {
    private SignedHttp() {}

    static HttpResponse<String> send(
            DataHubEmulator emulator, String method, String path, String jsonBody)
            throws Exception {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Date", List.of(RequestSigner.formatDate(ZonedDateTime.now())));
        headers.put("x-datahub-client-version", List.of("1.1"));
        if (jsonBody != null) {
            headers.put("Content-Type", List.of("application/json"));
        }
        headers.put(
                "Authorization",
                List.of(
                        RequestSigner.authorization(
                                DataHubEmulator.DEFAULT_ACCESS_ID,
                                DataHubEmulator.DEFAULT_ACCESS_KEY,
                                method,
                                path,
                                headers)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.endpoint() + path));
        headers.forEach((k, v) -> b.header(k, v.get(0)));
        b.method(
                method,
                jsonBody == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
