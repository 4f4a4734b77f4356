package io.github.flinkdatahub.client.protocol.signing;

import io.github.flinkdatahub.client.annotation.Internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DataHub request signature (HMAC-SHA1 over method, content type, date, the {@code x-datahub-*}
 * headers and the path with its query). Used by the client to sign and by the emulator to verify,
 * so both build the canonical string the same way.
 */
@Internal
public final class RequestSigner {
    public static final String AUTHORIZATION_PREFIX = "DATAHUB ";

    /** RFC 1123 in GMT with English names and a two-digit day, as the SDKs send it. */
    public static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                    .withZone(ZoneOffset.UTC);

    private RequestSigner() {}

    public static String formatDate(ZonedDateTime time) {
        return DATE_FORMAT.format(time);
    }

    /**
     * The string to sign. {@code headers} are the request headers (any case; only the first value
     * of a repeated header counts); {@code pathAndQuery} is the encoded path plus {@code ?query} if
     * there is one.
     */
    public static String canonicalString(
            String method, String pathAndQuery, Map<String, List<String>> headers) {
        TreeMap<String, String> signed = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (e.getValue() == null || e.getValue().isEmpty() || e.getValue().get(0) == null) {
                continue;
            }
            if (name.equals("content-type")
                    || name.equals("date")
                    || name.startsWith("x-datahub-")) {
                signed.putIfAbsent(name, e.getValue().get(0));
            }
        }
        signed.putIfAbsent("content-type", "");
        StringBuilder sb = new StringBuilder(method.toUpperCase(Locale.ROOT)).append('\n');
        for (Map.Entry<String, String> e : signed.entrySet()) {
            if (e.getKey().startsWith("x-datahub-")) {
                sb.append(e.getKey()).append(':');
            }
            sb.append(e.getValue()).append('\n');
        }
        return sb.append(pathAndQuery).toString();
    }

    /** Base64(HMAC-SHA1(accessKey, canonical)). */
    public static String signature(String accessKey, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(accessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JVM", e);
        }
    }

    /** The {@code Authorization} header value: {@code DATAHUB <accessId>:<signature>}. */
    public static String authorization(
            String accessId,
            String accessKey,
            String method,
            String pathAndQuery,
            Map<String, List<String>> headers) {
        return AUTHORIZATION_PREFIX
                + accessId
                + ':'
                + signature(accessKey, canonicalString(method, pathAndQuery, headers));
    }
}
