package io.github.flinkdatahub.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.emulator.EmulatorClock;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import io.github.flinkdatahub.emulator.faults.FaultRule;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;
import io.github.flinkdatahub.emulator.http.RequestHandler;
import io.github.flinkdatahub.emulator.http.Route;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The emulator's own endpoints under {@code /__emulator}, unsigned so that curl can drive them (the
 * emulator listens on 127.0.0.1 unless told otherwise):
 *
 * <ul>
 *   <li>{@code GET /__emulator/health} - {@code {"status":"ok"}}
 *   <li>{@code GET /__emulator/faults} - rules in force by scope and counts of injected faults
 *   <li>{@code PUT /__emulator/faults[?project=P[&topic=T]]} with a {@link FaultRule} JSON body (no
 *       query: the global rule); answers like GET
 *   <li>{@code DELETE /__emulator/faults?project=P[&topic=T]} - removes that scope's rule; without
 *       a query removes every rule and sets the counts back to 0
 *   <li>{@code GET /__emulator/clock} - the data clock
 *   <li>{@code POST /__emulator/clock/advance?millis=N} - let time pass for records (lifecycle)
 *   <li>{@code POST /__emulator/clock/pause} and {@code POST /__emulator/clock/resume} - stop the
 *       data clock (only advances move it) and let it run with real time again
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
        switch (req.method() + " " + path) {
            case "GET /__emulator/health":
                {
                    ObjectNode o = Json.object();
                    o.put("status", "ok");
                    return ApiResponse.json(o);
                }
            case "GET /__emulator/faults":
                return faultState();
            case "PUT /__emulator/faults":
            case "POST /__emulator/faults":
                return setFaults(req);
            case "DELETE /__emulator/faults":
                {
                    String project = Params.query(req, "project");
                    String topic = Params.query(req, "topic");
                    if (project == null && topic == null) {
                        faults.reset();
                    } else {
                        checkScope(project, topic);
                        faults.clear(project, topic);
                    }
                    return faultState();
                }
            case "GET /__emulator/clock":
                return clockState();
            case "POST /__emulator/clock/advance":
                clock.advance(Duration.ofMillis(millis(req)));
                return clockState();
            case "POST /__emulator/clock/pause":
                clock.pause();
                return clockState();
            case "POST /__emulator/clock/resume":
                clock.resume();
                return clockState();
            default:
                throw ErrorCode.INVALID_URI_SPEC.exception(
                        "Unknown admin call "
                                + req.method()
                                + " "
                                + path
                                + "; the admin endpoints are GET /__emulator/health, GET|PUT|DELETE /__emulator/faults,"
                                + " GET /__emulator/clock and POST /__emulator/clock/advance?millis=N|pause|resume");
        }
    }

    private ApiResponse setFaults(ApiRequest req) {
        String project = Params.query(req, "project");
        String topic = Params.query(req, "topic");
        checkScope(project, topic);
        FaultRule rule;
        try {
            rule = FaultRule.fromJson(new String(req.body(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_PARAMETER.exception(e.getMessage());
        }
        faults.set(project, topic, rule);
        return faultState();
    }

    private static void checkScope(String project, String topic) {
        if (topic != null && project == null) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "A topic scope needs its project: ?project=P&topic=T");
        }
        if ("".equals(project) || "".equals(topic)) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Give the scope as ?project=P or ?project=P&topic=T,"
                            + " or no query for the global rule");
        }
    }

    private ApiResponse faultState() {
        ObjectNode o = Json.object();
        ObjectNode rules = o.putObject("rules");
        faults.rules().forEach((scope, rule) -> rules.set(scope, rule.toJson()));
        ObjectNode counts = o.putObject("injected");
        counts.put("throttled", faults.throttledCount());
        counts.put("serverErrors", faults.serverErrorCount());
        counts.put("closedConnections", faults.closedConnectionCount());
        counts.put("failedRecords", faults.failedRecordCount());
        counts.put("delayed", faults.delayedCount());
        return ApiResponse.json(o);
    }

    private ApiResponse clockState() {
        ObjectNode o = Json.object();
        o.put("nowMillis", clock.millis());
        o.put("paused", clock.isPaused());
        return ApiResponse.json(o);
    }

    private static long millis(ApiRequest req) {
        String millis = Params.query(req, "millis");
        long value;
        try {
            value = millis == null ? -1 : Long.parseLong(millis);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Give the time to add as ?millis=N with N >= 0"
                            + (millis == null ? "" : ", got '" + millis + "'"));
        }
        return value;
    }
}
