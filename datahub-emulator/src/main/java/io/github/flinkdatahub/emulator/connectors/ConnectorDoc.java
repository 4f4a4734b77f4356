package io.github.flinkdatahub.emulator.connectors;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored connector, keyed {@code project/topic/connectorId}, with the task state of each shard
 * (kept in the same document so a state change, a reposition and the runner's progress are atomic).
 */
public final class ConnectorDoc {
    public String connectorId;

    /** Project and topic names as the topic was created (the key is lower-case). */
    public String project;

    public String topic;

    /** The {@code ConnectorType} constant name. */
    public String type;

    /** The {@code ConnectorState} constant name. */
    public String state;

    public String creator;

    /** Seconds, like the topic times. */
    public long createTime;

    public long lastModifyTime;

    /** Milliseconds; -1 starts from the oldest data. */
    public long sinkStartTime = -1;

    public List<String> columnFields = new ArrayList<>();
    public Map<String, String> columnNameMap = new LinkedHashMap<>();

    /**
     * The config in request form, secrets included: the runner signs in to its target with them.
     * Never returned: responses use the service form, which leaves secrets out.
     */
    public JsonNode config;

    public String clusterAddress;

    /** The SYSTEM subscription created for the connector. */
    public String subscriptionId;

    /** Shard id to its task; shards created after the connector get a task when first seen. */
    public Map<String, ShardTaskDoc> shards = new LinkedHashMap<>();

    /** The task of a shard, created (planned from the connector's start time) when missing. */
    public ShardTaskDoc task(String shardId) {
        return shards.computeIfAbsent(shardId, id -> ShardTaskDoc.planned(sinkStartTime));
    }
}
