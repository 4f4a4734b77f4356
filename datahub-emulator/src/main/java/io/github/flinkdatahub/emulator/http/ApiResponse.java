package io.github.flinkdatahub.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.http.DataHubRequest;
import io.github.flinkdatahub.client.protocol.json.Json;

/** An answer: status, content type and body. */
public final class ApiResponse {
    /** Exactly this value: the Java SDK parses error bodies only under this exact content type. */
    public static final String JSON = "application/json";

    private final int status;
    private final String contentType;
    private final byte[] body;

    private ApiResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    public static ApiResponse json(JsonNode body) {
        return new ApiResponse(200, JSON, Json.toBytes(body));
    }

    /** 201 Created with a JSON body (creates of projects, topics, subscriptions). */
    public static ApiResponse created(JsonNode body) {
        return new ApiResponse(201, JSON, Json.toBytes(body));
    }

    /** 200 with {@code {}}: results the SDKs ignore still get a JSON document. */
    public static ApiResponse ok() {
        return json(Json.object());
    }

    /** 200 with no body: what the SDKs expect from PB/batch puts by shard. */
    public static ApiResponse empty() {
        return new ApiResponse(200, null, new byte[0]);
    }

    public static ApiResponse protobuf(byte[] framed) {
        return new ApiResponse(200, DataHubRequest.PROTOBUF, framed);
    }

    public static ApiResponse binary(byte[] framed) {
        return new ApiResponse(200, DataHubRequest.BINARY, framed);
    }

    static ApiResponse error(int status, byte[] jsonBody) {
        return new ApiResponse(status, JSON, jsonBody);
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }
}
