package io.github.flinkdatahub.emulator.faults;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.Route;
import io.github.flinkdatahub.emulator.store.EmulatorStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run-time fault injection for connector tests: throttling, server errors, dropped connections,
 * latency and partial put failures, per project or topic. The most specific rule applies
 * (topic, then project, then the global one). Counts what it injected.
 */
public final class FaultInjector {
    private static final String ALL = "*";

    private final Map<String, FaultRule> rules = new ConcurrentHashMap<>();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong closedConnections = new AtomicLong();
    private final AtomicLong failedRecords = new AtomicLong();

    /** Sets the rule of a scope: both null = everything, topic null = a whole project. */
    public void set(String project, String topic, FaultRule rule) {
        rules.put(scope(project, topic), rule);
    }

    public void clear(String project, String topic) {
        rules.remove(scope(project, topic));
    }

    public void clearAll() {
        rules.clear();
    }

    public Map<String, FaultRule> rules() {
        return Map.copyOf(rules);
    }

    /** The rule applying to a request on {@code project}/{@code topic} (either may be null). */
    public FaultRule ruleFor(String project, String topic) {
        if (rules.isEmpty()) {
            return null;
        }
        FaultRule r = project != null && topic != null ? rules.get(scope(project, topic)) : null;
        if (r == null && project != null) {
            r = rules.get(scope(project, null));
        }
        return r != null ? r : rules.get(ALL);
    }

    /**
     * Applies latency, throttling and server errors (by throwing the service's error) before a
     * request is served. Returns true when the connection should be dropped without an answer.
     */
    public boolean beforeRequest(Route route, ApiRequest request) {
        FaultRule rule = ruleFor(route.project(), route.topic());
        if (rule == null) {
            return false;
        }
        if (rule.latencyMillis > 0) {
            try {
                Thread.sleep(rule.latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (rnd.nextDouble() < rule.closeConnectionRate) {
            closedConnections.incrementAndGet();
            return true;
        }
        if (rnd.nextDouble() < rule.throttleRate) {
            throttled.incrementAndGet();
            throw ErrorCode.LIMIT_EXCEEDED.exception("The query rate or throughput rate is exceeded.");
        }
        if (rnd.nextDouble() < rule.serverErrorRate) {
            serverErrors.incrementAndGet();
            throw ErrorCode.INTERNAL_SERVER_ERROR.exception("Injected service failure.");
        }
        return false;
    }

    /** Whether one record of a put on {@code project}/{@code topic} should be refused. */
    public boolean failRecord(String project, String topic) {
        FaultRule rule = ruleFor(project, topic);
        if (rule != null && ThreadLocalRandom.current().nextDouble() < rule.partialPutFailureRate) {
            failedRecords.incrementAndGet();
            return true;
        }
        return false;
    }

    public long throttledCount() {
        return throttled.get();
    }

    public long serverErrorCount() {
        return serverErrors.get();
    }

    public long closedConnectionCount() {
        return closedConnections.get();
    }

    public long failedRecordCount() {
        return failedRecords.get();
    }

    private static String scope(String project, String topic) {
        if (project == null) {
            return ALL;
        }
        return topic == null ? EmulatorStore.key(project) : EmulatorStore.key(project, topic);
    }
}
