package io.github.flinkdatahub.emulator.api;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.emulator.EmulatorClock;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import io.github.flinkdatahub.emulator.faults.FaultRule;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;
import io.github.flinkdatahub.emulator.http.RequestHandler;
import io.github.flinkdatahub.emulator.http.Route;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;

/**
 * The emulator's own unsigned admin endpoints under {@code /__emulator}:
 *
 * <ul>
 *   <li>{@code GET /__emulator/health}
 *   <li>{@code GET /__emulator/faults} - rules in force and counts of injected faults
 *   <li>{@code PUT /__emulator/faults[?project=P[&topic=T]]} with a {@link FaultRule} JSON body
 *   <li>{@code DELETE /__emulator/faults[?project=P[&topic=T]]} (no query: every rule)
 *   <li>{@code POST /__emulator/clock/advance?millis=N} - let time pass for records (lifecycle)
 * </ul>
 */
public final class AdminApi implements RequestHandler {
    private final FaultInjector faults;
    private final EmulatorClock clock;

    public AdminApi(FaultInjector faults, EmulatorClock clock) {
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public ApiResponse handle(Route ignored, ApiRequest req) {
        String path = req.path().replaceAll("/+$", "");
        String project = Params.query(req, "project");
        String topic = Params.query(req, "topic");
        switch (req.method() + " " + path) {
            case "GET /__emulator/health": {
                ObjectNode o = Json.object();
                o.put("status", "ok");
                return ApiResponse.json(o);
            }
            case "GET /__emulator/faults": {
                ObjectNode o = Json.object();
                ObjectNode rules = o.putObject("rules");
                faults.rules().forEach((scope, rule) -> rules.set(scope, Json.MAPPER.valueToTree(rule)));
                ObjectNode counts = o.putObject("injected");
                counts.put("throttled", faults.throttledCount());
                counts.put("serverErrors", faults.serverErrorCount());
                counts.put("closedConnections", faults.closedConnectionCount());
                counts.put("failedRecords", faults.failedRecordCount());
                return ApiResponse.json(o);
            }
            case "PUT /__emulator/faults":
            case "POST /__emulator/faults": {
                FaultRule rule;
                try {
                    rule = Json.MAPPER.readValue(req.body(), FaultRule.class);
                } catch (IOException e) {
                    throw ErrorCode.INVALID_PARAMETER.exception("Body must be a fault rule, e.g. {\"throttleRate\":0.2,"
                            + "\"serverErrorRate\":0.1,\"closeConnectionRate\":0.05,\"partialPutFailureRate\":0.1,"
                            + "\"latencyMillis\":20}: " + e.getMessage());
                }
                if (topic != null && project == null) {
                    throw ErrorCode.INVALID_PARAMETER.exception("A topic scope needs its project: ?project=P&topic=T");
                }
                faults.set(project, topic, rule);
                return ApiResponse.ok();
            }
            case "DELETE /__emulator/faults":
                if (project == null) {
                    faults.clearAll();
                } else {
                    faults.clear(project, topic);
                }
                return ApiResponse.ok();
            case "POST /__emulator/clock/advance": {
                String millis = Params.query(req, "millis");
                if (millis == null) {
                    throw ErrorCode.INVALID_PARAMETER.exception("Give the time to add as ?millis=N");
                }
                clock.advance(Duration.ofMillis(Long.parseLong(millis)));
                return ApiResponse.ok();
            }
            default:
                throw ErrorCode.INVALID_URI_SPEC.exception("Unknown admin call " + req.method() + " " + path);
        }
    }
}
