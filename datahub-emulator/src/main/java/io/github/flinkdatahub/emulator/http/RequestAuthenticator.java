package io.github.flinkdatahub.emulator.http;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.protocol.signing.RequestSigner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Verifies request signatures as the service does: the canonical string is rebuilt from the headers
 * actually received and signed with the account's key; the Date must be within the allowed skew.
 * Every failure is {@code Unauthorized} (HTTP 403).
 */
final class RequestAuthenticator {
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private final Map<String, String> accounts;
    private final Clock clock;

    RequestAuthenticator(Map<String, String> accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Returns the access id of a correctly signed request. */
    String verify(String method, String pathAndQuery, Map<String, List<String>> headers) {
        String auth = first(headers, "Authorization");
        if (auth == null
                || !auth.startsWith(RequestSigner.AUTHORIZATION_PREFIX)
                || auth.indexOf(':') < 0) {
            throw ErrorCode.UNAUTHORIZED.exception(
                    "The request is not signed: missing or malformed Authorization header");
        }
        String credentials = auth.substring(RequestSigner.AUTHORIZATION_PREFIX.length());
        int colon = credentials.lastIndexOf(':');
        String accessId = credentials.substring(0, colon);
        String signature = credentials.substring(colon + 1);
        String accessKey = accounts.get(accessId);
        if (accessKey == null) {
            throw ErrorCode.UNAUTHORIZED.exception(
                    "The AccessId '" + accessId + "' does not exist");
        }
        String date = first(headers, "Date");
        if (date == null) {
            throw ErrorCode.UNAUTHORIZED.exception("The request has no Date header");
        }
        try {
            ZonedDateTime sent = ZonedDateTime.parse(date, RequestSigner.DATE_FORMAT);
            Duration skew = Duration.between(sent.toInstant(), clock.instant()).abs();
            if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw ErrorCode.UNAUTHORIZED.exception(
                        "The request time '"
                                + date
                                + "' differs from the server time by more than "
                                + MAX_CLOCK_SKEW.toMinutes()
                                + " minutes");
            }
        } catch (DateTimeParseException e) {
            throw ErrorCode.UNAUTHORIZED.exception(
                    "The Date header '" + date + "' is not an RFC 1123 GMT date");
        }
        String expected =
                RequestSigner.signature(
                        accessKey, RequestSigner.canonicalString(method, pathAndQuery, headers));
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            throw ErrorCode.UNAUTHORIZED.exception(
                    "The request signature does not match (check the AccessKey)");
        }
        return accessId;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
