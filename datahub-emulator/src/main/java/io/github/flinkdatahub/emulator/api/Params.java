package io.github.flinkdatahub.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.emulator.http.ApiRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Reading request parameters with the service's errors for missing or malformed ones. */
public final class Params {
    private Params() {}

    /**
     * A query parameter's value; "" for a bare flag such as {@code ?donetime}; null when absent.
     */
    public static String query(ApiRequest request, String name) {
        if (request.query() == null) {
            return null;
        }
        for (String part : request.query().split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            if (k.equals(name)) {
                return eq < 0
                        ? ""
                        : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * A string member; null when absent or null. Any other JSON value is the service's
     * InvalidParameter, never read as its text.
     */
    public static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The parameter " + field + " must be a string.");
        }
        return v.textValue();
    }

    public static String text(JsonNode body, String field, String defaultValue) {
        String v = text(body, field);
        return v == null ? defaultValue : v;
    }

    public static String requiredText(JsonNode body, String field) {
        String v = Json.text(body, field);
        if (v == null || v.isEmpty()) {
            throw ErrorCode.INVALID_PARAMETER.exception("The parameter " + field + " is required.");
        }
        return v;
    }

    public static long requiredLong(JsonNode body, String field) {
        if (body.get(field) == null || body.get(field).isNull()) {
            throw ErrorCode.INVALID_PARAMETER.exception("The parameter " + field + " is required.");
        }
        try {
            return Json.longValue(body, field, 0);
        } catch (DataHubException e) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The parameter " + field + " must be a number.");
        }
    }

    /** Runs a client-side codec read, turning its errors into the service's InvalidParameter. */
    public static <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (DataHubException e) {
            ErrorCode code = ErrorCode.fromCode(e.getErrorCode());
            if (code != null && code != ErrorCode.INVALID_PARAMETER) {
                throw code.exception(e.getErrorMessage());
            }
            throw ErrorCode.INVALID_PARAMETER.exception(e.getErrorMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The specified parameter is invalid: " + e.getMessage());
        }
    }
}
