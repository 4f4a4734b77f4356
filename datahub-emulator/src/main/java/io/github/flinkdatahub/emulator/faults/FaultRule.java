package io.github.flinkdatahub.emulator.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.protocol.json.Json;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The faults to inject into the requests of one scope (everything, a project, or a topic): an
 * immutable value built by chaining from {@link #none()}:
 *
 * <pre>{@code
 * emulator.faults().set("demo", "events", FaultRule.none().throttleRate(0.2).latencyMillis(50));
 * }</pre>
 *
 * <p>Rates are probabilities in [0, 1] drawn per request (per record for partial put failures).
 * With {@link #maxFaults(long)} the rule stops acting after that many injected failures, which
 * makes "the next two calls fail" deterministic. The JSON form (admin endpoint, {@code --faults})
 * uses the same names: {@code {"throttleRate":0.2,"latencyMillis":50,"maxFaults":2}}.
 */
@PublicEvolving
public final class FaultRule {
    static final List<String> SETTINGS =
            List.of(
                    "throttleRate",
                    "serverErrorRate",
                    "closeConnectionRate",
                    "partialPutFailureRate",
                    "latencyMillis",
                    "maxFaults");

    private static final FaultRule NONE = new FaultRule(0, 0, 0, 0, 0, 0);

    private final double throttleRate;
    private final double serverErrorRate;
    private final double closeConnectionRate;
    private final double partialPutFailureRate;
    private final long latencyMillis;
    private final long maxFaults;

    private FaultRule(
            double throttleRate,
            double serverErrorRate,
            double closeConnectionRate,
            double partialPutFailureRate,
            long latencyMillis,
            long maxFaults) {
        this.throttleRate = rate("throttleRate", throttleRate);
        this.serverErrorRate = rate("serverErrorRate", serverErrorRate);
        this.closeConnectionRate = rate("closeConnectionRate", closeConnectionRate);
        this.partialPutFailureRate = rate("partialPutFailureRate", partialPutFailureRate);
        this.latencyMillis = atLeastZero("latencyMillis", latencyMillis);
        this.maxFaults = atLeastZero("maxFaults", maxFaults);
    }

    /**
     * No fault at all; also shadows the rules of wider scopes (a project rule shadows the global
     * one).
     */
    public static FaultRule none() {
        return NONE;
    }

    /** Answer {@code LimitExceeded} (HTTP 429) instead of serving. */
    public FaultRule throttleRate(double rate) {
        return new FaultRule(
                rate,
                serverErrorRate,
                closeConnectionRate,
                partialPutFailureRate,
                latencyMillis,
                maxFaults);
    }

    /** Answer {@code InternalServerError} (HTTP 500) instead of serving. */
    public FaultRule serverErrorRate(double rate) {
        return new FaultRule(
                throttleRate,
                rate,
                closeConnectionRate,
                partialPutFailureRate,
                latencyMillis,
                maxFaults);
    }

    /** Close the TCP connection without an answer (the client sees an I/O error). */
    public FaultRule closeConnectionRate(double rate) {
        return new FaultRule(
                throttleRate,
                serverErrorRate,
                rate,
                partialPutFailureRate,
                latencyMillis,
                maxFaults);
    }

    /**
     * Refuse single records of a put: a routed put reports them in its failed records, a put by
     * shard fails as a whole (as the service does).
     */
    public FaultRule partialPutFailureRate(double rate) {
        return new FaultRule(
                throttleRate, serverErrorRate, closeConnectionRate, rate, latencyMillis, maxFaults);
    }

    /** Delay added before every request of the scope is served (also before the other faults). */
    public FaultRule latencyMillis(long millis) {
        return new FaultRule(
                throttleRate,
                serverErrorRate,
                closeConnectionRate,
                partialPutFailureRate,
                millis,
                maxFaults);
    }

    public FaultRule latency(Duration latency) {
        return latencyMillis(Objects.requireNonNull(latency, "latency").toMillis());
    }

    /**
     * Stop acting (latency included) after this many injected failures (throttled, server errors,
     * closed connections, refused records); 0, the default, means no limit.
     */
    public FaultRule maxFaults(long maxFaults) {
        return new FaultRule(
                throttleRate,
                serverErrorRate,
                closeConnectionRate,
                partialPutFailureRate,
                latencyMillis,
                maxFaults);
    }

    public double getThrottleRate() {
        return throttleRate;
    }

    public double getServerErrorRate() {
        return serverErrorRate;
    }

    public double getCloseConnectionRate() {
        return closeConnectionRate;
    }

    public double getPartialPutFailureRate() {
        return partialPutFailureRate;
    }

    public long getLatencyMillis() {
        return latencyMillis;
    }

    /** 0 = unlimited. */
    public long getMaxFaults() {
        return maxFaults;
    }

    /**
     * Reads the JSON form; unknown or malformed settings are rejected (a misspelt setting would
     * otherwise silently inject nothing).
     *
     * @throws IllegalArgumentException naming the bad setting
     */
    public static FaultRule fromJson(String json) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "A fault rule must be a JSON object such as "
                            + example()
                            + "; this is not valid JSON: "
                            + e.getOriginalMessage(),
                    e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    "A fault rule must be a JSON object such as " + example());
        }
        FaultRule rule = NONE;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (!SETTINGS.contains(name)) {
                throw new IllegalArgumentException(
                        "Unknown fault setting '"
                                + name
                                + "'; known settings: "
                                + String.join(", ", SETTINGS));
            }
            boolean whole = name.equals("latencyMillis") || name.equals("maxFaults");
            if (!v.isNumber() || whole && !v.canConvertToExactIntegral()) {
                throw new IllegalArgumentException(
                        "Fault setting '"
                                + name
                                + "' must be "
                                + (whole ? "a whole number" : "a number in [0, 1]")
                                + ", got "
                                + v);
            }
            switch (name) {
                case "throttleRate":
                    rule = rule.throttleRate(v.doubleValue());
                    break;
                case "serverErrorRate":
                    rule = rule.serverErrorRate(v.doubleValue());
                    break;
                case "closeConnectionRate":
                    rule = rule.closeConnectionRate(v.doubleValue());
                    break;
                case "partialPutFailureRate":
                    rule = rule.partialPutFailureRate(v.doubleValue());
                    break;
                case "latencyMillis":
                    rule = rule.latencyMillis(v.longValue());
                    break;
                default:
                    rule = rule.maxFaults(v.longValue());
                    break;
            }
        }
        return rule;
    }

    /** The JSON form read by {@link #fromJson(String)}, with every setting. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("throttleRate", throttleRate);
        o.put("serverErrorRate", serverErrorRate);
        o.put("closeConnectionRate", closeConnectionRate);
        o.put("partialPutFailureRate", partialPutFailureRate);
        o.put("latencyMillis", latencyMillis);
        o.put("maxFaults", maxFaults);
        return o;
    }

    static String example() {
        return "{\"throttleRate\":0.2,\"serverErrorRate\":0.1,\"closeConnectionRate\":0.05,"
                + "\"partialPutFailureRate\":0.1,\"latencyMillis\":20,\"maxFaults\":0}";
    }

    private static double rate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(
                    "Fault setting '" + name + "' is a probability in [0, 1], got " + rate);
        }
        return rate;
    }

    private static long atLeastZero(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    "Fault setting '" + name + "' must be >= 0, got " + value);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FaultRule)) {
            return false;
        }
        FaultRule r = (FaultRule) o;
        return throttleRate == r.throttleRate
                && serverErrorRate == r.serverErrorRate
                && closeConnectionRate == r.closeConnectionRate
                && partialPutFailureRate == r.partialPutFailureRate
                && latencyMillis == r.latencyMillis
                && maxFaults == r.maxFaults;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                throttleRate,
                serverErrorRate,
                closeConnectionRate,
                partialPutFailureRate,
                latencyMillis,
                maxFaults);
    }

    @Override
    public String toString() {
        return "FaultRule" + toJson();
    }
}
