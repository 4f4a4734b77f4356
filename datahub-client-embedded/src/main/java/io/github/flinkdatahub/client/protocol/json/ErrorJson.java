package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Error bodies: {@code {"ErrorCode":..,"ErrorMessage":..,"RequestId":..}}. */
@Internal
public final class ErrorJson {
    private ErrorJson() {}

    public static ObjectNode write(String errorCode, String errorMessage, String requestId) {
        ObjectNode o = Json.object();
        o.put("ErrorCode", errorCode);
        o.put("ErrorMessage", errorMessage);
        if (requestId != null) {
            o.put("RequestId", requestId);
        }
        return o;
    }

    /**
     * The typed exception for an error answer. A body that is not an error document (e.g. from a
     * proxy) still gives an exception carrying the status and the start of the body.
     */
    public static DataHubException read(int status, String requestId, byte[] body) {
        JsonNode n = null;
        try {
            if (body != null && body.length > 0) {
                n = Json.MAPPER.readTree(body);
            }
        } catch (IOException e) {
            n = null;
        }
        String code = n == null ? null : Json.text(n, "ErrorCode");
        if (code == null) {
            String text =
                    body == null
                            ? ""
                            : new String(
                                    body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
            return ErrorCode.toException(
                    null,
                    "HTTP " + status + (text.isEmpty() ? "" : ": " + text),
                    requestId,
                    status);
        }
        String rid = requestId != null ? requestId : Json.text(n, "RequestId");
        return ErrorCode.toException(code, Json.text(n, "ErrorMessage", ""), rid, status);
    }
}
