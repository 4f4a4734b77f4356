package io.github.flinkdatahub.emulator.faults;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.emulator.http.Route;
import io.github.flinkdatahub.emulator.store.EmulatorStore;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run-time fault injection for connector tests: throttling, server errors, dropped connections,
 * latency and partial put failures, per project or topic. Exactly one rule applies to a request,
 * the most specific one: the topic's, else the project's, else the global one (so {@link
 * FaultRule#none()} on a project exempts it from a global rule). Project and topic names are
 * case-insensitive, as in the service. Counts what it injected. Thread-safe.
 */
@PublicEvolving
public final class FaultInjector {
    /** Scope key of the global rule in {@link #rules()}. */
    public static final String GLOBAL = "*";

    private final Map<String, Installed> rules = new ConcurrentHashMap<>();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong closedConnections = new AtomicLong();
    private final AtomicLong failedRecords = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();

    /** Sets the rule for every request (replacing the previous global rule). */
    public void setGlobal(FaultRule rule) {
        set(null, null, rule);
    }

    /** Sets the rule of a project (its topics included unless they have their own). */
    public void set(String project, FaultRule rule) {
        set(project, null, rule);
    }

    /**
     * Sets the rule of a scope, replacing the scope's previous rule and its fault budget: both
     * names null = global, topic null = a whole project.
     */
    public void set(String project, String topic, FaultRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException(
                    "A fault rule is required; use FaultRule.none() for no faults");
        }
        rules.put(scope(project, topic), new Installed(rule));
    }

    /** Removes the rule of exactly this scope (not those of its topics). */
    public void clear(String project, String topic) {
        rules.remove(scope(project, topic));
    }

    public void clearAll() {
        rules.clear();
    }

    /** Removes every rule and sets every count back to 0. */
    public void reset() {
        rules.clear();
        throttled.set(0);
        serverErrors.set(0);
        closedConnections.set(0);
        failedRecords.set(0);
        delayed.set(0);
    }

    /**
     * The rules in force by scope key: {@value #GLOBAL}, {@code project} or {@code project/topic},
     * lower case.
     */
    public Map<String, FaultRule> rules() {
        Map<String, FaultRule> out = new TreeMap<>();
        rules.forEach((scope, installed) -> out.put(scope, installed.rule));
        return out;
    }

    /**
     * The rule applying to a request on {@code project}/{@code topic} (either may be null); null if
     * none.
     */
    public FaultRule ruleFor(String project, String topic) {
        Installed i = installedFor(project, topic);
        return i == null ? null : i.rule;
    }

    /**
     * The latency to add to a request before it is served (0 for none), counted as delayed. The
     * HTTP server waits it out on the request's own connection thread, so every delayed request is
     * in flight at once, as over a network; {@link #beforeRequest} follows once it has passed.
     */
    public long latencyMillis(Route route) {
        Installed installed = installedFor(route.project(), route.topic());
        if (installed == null || installed.spent() || installed.rule.getLatencyMillis() <= 0) {
            return 0;
        }
        delayed.incrementAndGet();
        return installed.rule.getLatencyMillis();
    }

    /**
     * Applies dropped connections, throttling and server errors (the last two by throwing the
     * service's error) before a request is served, so a faulted request changes nothing. Returns
     * true when the connection should be dropped without an answer.
     */
    public boolean beforeRequest(Route route) {
        Installed installed = installedFor(route.project(), route.topic());
        if (installed == null || installed.spent()) {
            return false;
        }
        FaultRule rule = installed.rule;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (draw(rnd, rule.getCloseConnectionRate()) && installed.claim()) {
            closedConnections.incrementAndGet();
            return true;
        }
        if (draw(rnd, rule.getThrottleRate()) && installed.claim()) {
            throttled.incrementAndGet();
            throw ErrorCode.LIMIT_EXCEEDED.exception(
                    "The query rate or throughput rate is exceeded.");
        }
        if (draw(rnd, rule.getServerErrorRate()) && installed.claim()) {
            serverErrors.incrementAndGet();
            throw ErrorCode.INTERNAL_SERVER_ERROR.exception(
                    "Service internal error (injected by the emulator's fault rules).");
        }
        return false;
    }

    /**
     * Whether one record of a put on {@code project}/{@code topic} should be refused; the record
     * API asks once per record.
     */
    public boolean failRecord(String project, String topic) {
        Installed installed = installedFor(project, topic);
        if (installed != null
                && draw(ThreadLocalRandom.current(), installed.rule.getPartialPutFailureRate())
                && installed.claim()) {
            failedRecords.incrementAndGet();
            return true;
        }
        return false;
    }

    /** Requests answered with {@code LimitExceeded}. */
    public long throttledCount() {
        return throttled.get();
    }

    /** Requests answered with {@code InternalServerError}. */
    public long serverErrorCount() {
        return serverErrors.get();
    }

    /** Connections dropped without an answer. */
    public long closedConnectionCount() {
        return closedConnections.get();
    }

    /** Records refused in puts. */
    public long failedRecordCount() {
        return failedRecords.get();
    }

    /** Requests that got added latency. */
    public long delayedCount() {
        return delayed.get();
    }

    private Installed installedFor(String project, String topic) {
        if (rules.isEmpty()) {
            return null;
        }
        Installed i = project != null && topic != null ? rules.get(scope(project, topic)) : null;
        if (i == null && project != null) {
            i = rules.get(scope(project, null));
        }
        return i != null ? i : rules.get(GLOBAL);
    }

    private static boolean draw(ThreadLocalRandom rnd, double rate) {
        // rate 1 must always fire and rate 0 never; nextDouble() is in [0, 1).
        return rate > 0 && rnd.nextDouble() < rate;
    }

    private static String scope(String project, String topic) {
        if (project == null) {
            if (topic != null) {
                throw new IllegalArgumentException(
                        "A topic scope needs its project (topic '" + topic + "')");
            }
            return GLOBAL;
        }
        return topic == null ? EmulatorStore.key(project) : EmulatorStore.key(project, topic);
    }

    /** A rule as installed in a scope, with the faults it has injected so far (its budget). */
    private static final class Installed {
        final FaultRule rule;
        final AtomicLong injected = new AtomicLong();

        Installed(FaultRule rule) {
            this.rule = rule;
        }

        boolean spent() {
            return rule.getMaxFaults() > 0 && injected.get() >= rule.getMaxFaults();
        }

        /**
         * Takes one fault from the budget; false when it is used up (possibly by a concurrent
         * request).
         */
        boolean claim() {
            return rule.getMaxFaults() == 0 || injected.incrementAndGet() <= rule.getMaxFaults();
        }
    }
}
