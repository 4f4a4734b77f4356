package io.github.flinkdatahub.emulator;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import io.github.flinkdatahub.emulator.store.EmulatorStore;
import io.github.flinkdatahub.emulator.store.ProjectDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.time.Clock;
import java.time.Duration;

/**
 * What every part of the emulator shares: the store, the clock, the fault injector, the settings,
 * and the lock that serialises changes to metadata (one writer at a time keeps split, merge,
 * deletes and puts consistent without finer locking).
 */
public final class EmulatorContext {
    private final EmulatorStore store;
    private final Clock clock;
    private final FaultInjector faults;
    private final Duration shardOpeningDelay;
    private final Object lock = new Object();

    public EmulatorContext(
            EmulatorStore store, Clock clock, FaultInjector faults, Duration shardOpeningDelay) {
        this.store = store;
        this.clock = clock;
        this.faults = faults;
        this.shardOpeningDelay = shardOpeningDelay;
    }

    public EmulatorStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public long nowMillis() {
        return clock.millis();
    }

    public long nowSeconds() {
        return clock.millis() / 1000;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** How long new shards report OPENING (and refuse reads and writes) before they are ACTIVE. */
    public Duration shardOpeningDelay() {
        return shardOpeningDelay;
    }

    /** The lock every metadata change runs under. */
    public Object lock() {
        return lock;
    }

    public ProjectDoc project(String project) {
        ProjectDoc p = store.projects().get(EmulatorStore.key(project));
        if (p == null) {
            throw ErrorCode.NO_SUCH_PROJECT.exception("The specified project name does not exist.");
        }
        return p;
    }

    public TopicDoc topic(String project, String topic) {
        project(project);
        TopicDoc t = store.topics().get(EmulatorStore.key(project, topic));
        if (t == null) {
            throw ErrorCode.NO_SUCH_TOPIC.exception("The specified topic name does not exist.");
        }
        return t;
    }

    public void saveTopic(TopicDoc topic) {
        store.topics().put(EmulatorStore.key(topic.project, topic.name), topic);
    }
}
