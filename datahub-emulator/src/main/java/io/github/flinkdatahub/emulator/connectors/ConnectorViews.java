package io.github.flinkdatahub.emulator.connectors;

import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorShardState;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.OdpsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.OssConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ShardContext;
import io.github.flinkdatahub.client.model.connector.ShardStatusEntry;
import io.github.flinkdatahub.client.model.result.GetConnectorDoneTimeResult;
import io.github.flinkdatahub.client.model.result.GetConnectorResult;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the get, status and done-time answers say about a stored connector. */
public final class ConnectorViews {
    /** Reported in every shard status of connector types the emulator only stores. */
    public static final String NOT_EXECUTED =
            "not executed by the emulator: it stores and validates %s connectors, only sink_datahub connectors "
                    + "deliver data";

    /** The worker every shard reports: the emulator's own runner. */
    public static final String WORKER_ADDRESS = "emulator";

    /**
     * The cluster running a connector created without a {@code ClusterAddress}: the service always
     * names one, and here the emulator runs it.
     */
    public static final String CLUSTER_ADDRESS = "datahub-emulator";

    private ConnectorViews() {}

    /** Only SINK_DATAHUB connectors are run by the emulator. */
    public static boolean executed(ConnectorDoc doc) {
        return ConnectorType.SINK_DATAHUB.name().equals(doc.type);
    }

    public static GetConnectorResult toResult(ConnectorDoc doc, TopicDoc topic) {
        List<ShardContext> contexts = new ArrayList<>();
        for (ShardDoc s : topic.shards) {
            ShardTaskDoc t = doc.task(s.shardId);
            contexts.add(
                    new ShardContext(
                            s.shardId, t.startSequence, t.endSequence, t.currentSequence()));
        }
        return GetConnectorResult.builder()
                .connectorId(doc.connectorId)
                .clusterAddress(
                        doc.clusterAddress == null || doc.clusterAddress.isEmpty()
                                ? CLUSTER_ADDRESS
                                : doc.clusterAddress)
                .type(Connectors.type(doc))
                .state(ConnectorState.valueOf(doc.state))
                .creator(doc.creator)
                .owner(doc.creator)
                .createTime(doc.createTime)
                .lastModifyTime(doc.lastModifyTime)
                .columnFields(doc.columnFields)
                .columnNameMap(doc.columnNameMap)
                // Written in the service form by the codec, which leaves the secrets out.
                .config(Connectors.config(doc))
                .extraConfig(Map.of(GetConnectorResult.SUBSCRIPTION_ID_KEY, doc.subscriptionId))
                .shardContexts(contexts)
                .build();
    }

    public static ShardStatusEntry status(ConnectorDoc doc, String shardId) {
        ShardTaskDoc t = doc.task(shardId);
        boolean stopped = !ConnectorState.CONNECTOR_RUNNING.name().equals(doc.state);
        ConnectorShardState state;
        String error = t.lastErrorMessage;
        if (!executed(doc)) {
            state =
                    stopped
                            ? ConnectorShardState.CONTEXT_STOPPED
                            : ConnectorShardState.CONTEXT_PLANNED;
            error = String.format(NOT_EXECUTED, Connectors.type(doc).wireValue());
        } else if (stopped && !ConnectorShardState.CONTEXT_FINISHED.name().equals(t.state)) {
            state = ConnectorShardState.CONTEXT_STOPPED;
        } else {
            state = ConnectorShardState.valueOf(t.state);
        }
        return ShardStatusEntry.builder()
                .startSequence(t.startSequence)
                .endSequence(t.endSequence)
                .currentSequence(t.currentSequence())
                .currentTimestamp(t.currentTimestamp)
                .updateTime(t.updateTime)
                .state(state)
                .lastErrorMessage(error)
                .discardCount(t.discardCount)
                .doneTime(t.doneTime)
                .workerAddress(WORKER_ADDRESS)
                .build();
    }

    /**
     * DoneTime (seconds): everything received before it is delivered on every shard, i.e. the
     * smallest done time of the unfinished shards (0 while one of them has made no progress;
     * connectors the emulator does not run never make any). TimeWindow (seconds) and TimeZone come
     * from the partition settings of ODPS and OSS sinks; other types report 0 and UTC.
     */
    public static GetConnectorDoneTimeResult doneTime(ConnectorDoc doc, TopicDoc topic) {
        long done = Long.MAX_VALUE;
        long finished = 0;
        boolean unfinished = false;
        for (ShardDoc s : topic.shards) {
            ShardTaskDoc t = doc.task(s.shardId);
            if (ConnectorShardState.CONTEXT_FINISHED.name().equals(t.state)) {
                finished = Math.max(finished, t.doneTime);
            } else {
                unfinished = true;
                done = Math.min(done, executed(doc) ? Math.max(0, t.doneTime) : 0);
            }
        }
        long doneTime = unfinished ? done : finished;
        ConnectorConfig c = Connectors.config(doc);
        String zone = "UTC";
        int window = 0;
        if (c instanceof OdpsConnectorConfig) {
            OdpsConnectorConfig o = (OdpsConnectorConfig) c;
            zone = o.getTimeZone() == null ? zone : o.getTimeZone();
            window = o.getTimeRange() * 60;
        } else if (c instanceof OssConnectorConfig) {
            window = ((OssConnectorConfig) c).getTimeRange() * 60;
        }
        return new GetConnectorDoneTimeResult(doneTime, zone, window);
    }
}
