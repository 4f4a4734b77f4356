package io.github.flinkdatahub.client.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.OffsetResetException;
import io.github.flinkdatahub.client.exception.OffsetSessionChangedException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.SubscriptionOfflineException;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorConfigSamples;
import io.github.flinkdatahub.client.model.connector.ConnectorOffset;
import io.github.flinkdatahub.client.model.connector.ConnectorShardState;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.OdpsConnectorConfig;
import io.github.flinkdatahub.client.model.result.GetConnectorResult;
import io.github.flinkdatahub.client.model.result.GetConnectorShardStatusResult;
import io.github.flinkdatahub.client.model.result.GetSubscriptionResult;
import io.github.flinkdatahub.client.model.result.InitAndGetSubscriptionOffsetResult;
import io.github.flinkdatahub.client.model.result.ListSubscriptionResult;
import io.github.flinkdatahub.client.model.subscription.OffsetBase;
import io.github.flinkdatahub.client.model.subscription.OffsetWithSession;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.client.protocol.json.ConnectorConfigJson;
import io.github.flinkdatahub.client.testutil.RecordingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorSubscriptionOperationsTest extends OperationTestBase {
    static final String C = "/projects/p1/topics/t1/connectors/";
    static final String S = "/projects/p1/topics/t1/subscriptions";

    @ParameterizedTest
    @EnumSource(value = ConnectorType.class, names = "SOURCE_DTS", mode = EnumSource.Mode.EXCLUDE)
    void createConnectorOfEveryTypePostsToTheLowerCaseTypePath(ConnectorType type) {
        ConnectorConfig config = ConnectorConfigSamples.of(type);
        server.respondJson(200, "{\"ConnectorId\":\"dh-123\"}");
        assertThat(
                        client.createConnector(
                                        "p1",
                                        "t1",
                                        type,
                                        List.of("f1", "f2"),
                                        config,
                                        1700000000000L)
                                .getConnectorId())
                .isEqualTo("dh-123");
        JsonNode body = json(assertRequest("POST", C + type.name().toLowerCase()));
        assertThat(body.get("Action").asText()).isEqualTo("Create");
        assertThat(body.get("Type").asText()).isEqualTo(type.name());
        assertThat(body.get("SinkStartTime").asLong()).isEqualTo(1700000000000L);
        assertThat(body.get("ColumnFields")).hasSize(2);
        assertThat(body.get("Config").toString())
                .isEqualTo(ConnectorConfigJson.writeRequestForm(config).toString());
    }

    @Test
    void createConnectorOnMissingTopicRaisesNotFound() {
        server.respondFixture(404, "projects.valid.topics.unexisted.connectors.sink_odps.json");
        assertThatThrownBy(
                        () ->
                                client.createConnector(
                                        "valid",
                                        "unexisted",
                                        ConnectorType.SINK_ODPS,
                                        List.of("f"),
                                        ConnectorConfigSamples.of(ConnectorType.SINK_ODPS)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchTopic");
        server.respondFixture(404, "projects.unexisted.topics.valid.connectors.sink_odps.json");
        assertThatThrownBy(
                        () ->
                                client.createConnector(
                                        "unexisted",
                                        "valid",
                                        ConnectorType.SINK_ODPS,
                                        List.of("f"),
                                        ConnectorConfigSamples.of(ConnectorType.SINK_ODPS)))
                .hasMessageContaining("NoSuchProject");
        server.respondFixture(400, "projects.valid.topics.valid.connectors.sink_odps.json");
        assertThatThrownBy(
                        () ->
                                client.createConnector(
                                        "valid",
                                        "valid",
                                        ConnectorType.SINK_ODPS,
                                        List.of("f"),
                                        ConnectorConfigSamples.of(ConnectorType.SINK_ODPS)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The specified parameter is invalid.");
    }

    @Test
    void listConnectorAsksForIds() {
        server.respondFixture(200, "projects.success.topics.success.connectors.json");
        assertThat(client.listConnector("success", "success").getConnectorIds())
                .containsExactly("connector_1", "connector_2");
        assertRequest("GET", "/projects/success/topics/success/connectors?mode=id");
    }

    @Test
    void getConnectorReadsStringValuedConfig() {
        server.respondJson(
                200,
                "{\"ConnectorId\":\"c1\",\"Type\":\"sink_odps\",\"State\":\"CONNECTOR_RUNNING\","
                        + "\"ColumnFields\":[\"f1\"],\"CreateTime\":1,\"Config\":{\"Project\":\"op\",\"Table\":\"ot\","
                        + "\"PartitionMode\":\"SYSTEM_TIME\",\"TimeRange\":\"60\",\"PartitionConfig\":"
                        + "\"[{\\\"key\\\":\\\"ds\\\",\\\"value\\\":\\\"%Y%m%d\\\"},{\\\"key\\\":\\\"hh\\\",\\\"value\\\":\\\"%H\\\"}]\"},"
                        + "\"ExtraInfo\":{\"SubscriptionId\":\"sub1\"},\"ShardContexts\":[]}");
        GetConnectorResult c = client.getConnector("p1", "t1", "c1");
        assertRequest("GET", C + "c1");
        assertThat(c.getType()).isEqualTo(ConnectorType.SINK_ODPS);
        assertThat(c.getState()).isEqualTo(ConnectorState.CONNECTOR_RUNNING);
        assertThat(c.getSubId()).isEqualTo("sub1");
        OdpsConnectorConfig odps = (OdpsConnectorConfig) c.getConfig();
        assertThat(odps.getTimeRange()).isEqualTo(60);
        assertThat(odps.getPartitionConfig())
                .containsExactly(Map.entry("ds", "%Y%m%d"), Map.entry("hh", "%H"));
    }

    @Test
    void connectorOperationalCalls() {
        client.updateConnector(
                "p1", "t1", "c1", ConnectorConfigSamples.of(ConnectorType.SINK_DATAHUB));
        assertThat(json(assertRequest("POST", C + "c1")).get("Action").asText())
                .isEqualTo("updateconfig");

        client.deleteConnector("p1", "t1", "c1");
        assertRequest("DELETE", C + "c1");

        client.reloadConnector("p1", "t1", "c1");
        assertThat(json(assertRequest("POST", C + "c1")))
                .isEqualTo(json("{\"Action\":\"Reload\"}"));
        client.reloadConnector("p1", "t1", "c1", "2");
        assertThat(json(server.lastRequest()))
                .isEqualTo(json("{\"Action\":\"Reload\",\"ShardId\":\"2\"}"));

        client.appendConnectorField("p1", "t1", "c1", "f9");
        assertThat(json(server.lastRequest()))
                .isEqualTo(json("{\"Action\":\"appendfield\",\"FieldName\":\"f9\"}"));

        client.updateConnectorState("p1", "t1", "c1", ConnectorState.CONNECTOR_STOPPED);
        assertThat(json(server.lastRequest()))
                .isEqualTo(json("{\"Action\":\"updatestate\",\"State\":\"CONNECTOR_STOPPED\"}"));

        client.updateConnectorOffset(
                "p1", "t1", "c1", "0", new ConnectorOffset(100, 1582801630000L));
        assertThat(json(server.lastRequest()))
                .isEqualTo(
                        json(
                                "{\"Action\":\"updateshardcontext\",\"ShardId\":\"0\","
                                        + "\"CurrentTime\":1582801630000,\"CurrentSequence\":100}"));
        client.updateConnectorOffset("p1", "t1", "c1", "", new ConnectorOffset(5, 6));
        assertThat(json(server.lastRequest()).has("ShardId")).isFalse();
    }

    @Test
    void connectorShardStatusForAllShardsAndForOne() {
        server.respondJson(
                200,
                "{\"ShardStatusInfos\":{\"0\":{\"State\":\"CONTEXT_EXECUTING\",\"CurrentSequence\":5},"
                        + "\"1\":{\"State\":\"CONTEXT_HANG\",\"LastErrorMessage\":\"boom\"}}}");
        GetConnectorShardStatusResult all = client.getConnectorShardStatus("p1", "t1", "c1");
        assertThat(json(assertRequest("POST", C + "c1")))
                .isEqualTo(json("{\"Action\":\"Status\"}"));
        assertThat(all.getShardStatusInfos()).containsOnlyKeys("0", "1");
        assertThat(all.getShardStatusInfos().get("0").getCurrentSequence()).isEqualTo(5);
        assertThat(all.getShardStatusInfos().get("1").getState())
                .isEqualTo(ConnectorShardState.CONTEXT_HANG);
        assertThat(all.getShardStatusInfos().get("1").getLastErrorMessage()).isEqualTo("boom");

        server.respondJson(
                200, "{\"ShardId\":\"1\",\"State\":\"CONTEXT_FINISHED\",\"CurrentSequence\":9}");
        GetConnectorShardStatusResult one = client.getConnectorShardStatus("p1", "t1", "c1", "1");
        assertThat(json(server.lastRequest()))
                .isEqualTo(json("{\"Action\":\"Status\",\"ShardId\":\"1\"}"));
        assertThat(one.getShardStatusInfos().get("1").getState())
                .isEqualTo(ConnectorShardState.CONTEXT_FINISHED);
    }

    @Test
    void connectorDoneTime() {
        server.respondJson(
                200, "{\"DoneTime\":1700000000,\"TimeZone\":\"Asia/Shanghai\",\"TimeWindow\":900}");
        var r = client.getConnectorDoneTime("p1", "t1", "c1");
        assertRequest("GET", C + "c1?donetime");
        assertThat(r.getDoneTime()).isEqualTo(1700000000L);
        assertThat(r.getTimeZone()).isEqualTo("Asia/Shanghai");
        assertThat(r.getTimeWindow()).isEqualTo(900);
    }

    @Test
    void subscriptionLifecycle() {
        server.respondJson(201, "{\"SubId\":\"1565580329258VXSY8\"}");
        String subId = client.createSubscription("p1", "t1", "my sub").getSubId();
        assertThat(subId).isEqualTo("1565580329258VXSY8");
        assertThat(json(assertRequest("POST", S)))
                .isEqualTo(json("{\"Action\":\"create\",\"Comment\":\"my sub\"}"));

        server.respondJson(
                200,
                "{\"SubId\":\""
                        + subId
                        + "\",\"TopicName\":\"t1\",\"Comment\":\"my sub\",\"Type\":0,"
                        + "\"State\":1,\"CreateTime\":10,\"LastModifyTime\":11,\"IsOwner\":true,\"Owner\":true}");
        GetSubscriptionResult got = client.getSubscription("p1", "t1", subId);
        assertRequest("GET", S + "/" + subId);
        assertThat(got.getState()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(got.getComment()).isEqualTo("my sub");
        assertThat(got.getTopicName()).isEqualTo("t1");

        client.updateSubscription("p1", "t1", subId, "new");
        assertThat(json(assertRequest("PUT", S + "/" + subId)))
                .isEqualTo(json("{\"Comment\":\"new\"}"));
        client.updateSubscriptionState("p1", "t1", subId, SubscriptionState.INACTIVE);
        assertThat(json(server.lastRequest())).isEqualTo(json("{\"State\":0}"));

        server.respondJson(
                200,
                "{\"TotalCount\":7,\"Subscriptions\":[{\"SubId\":\"a\",\"State\":0,\"Type\":0},"
                        + "{\"SubId\":\"b\",\"State\":1,\"Type\":0}]}");
        ListSubscriptionResult page = client.listSubscription("p1", "t1", "my", 2, 2);
        assertThat(json(assertRequest("POST", S)))
                .isEqualTo(
                        json(
                                "{\"Action\":\"list\",\"PageIndex\":2,\"PageSize\":2,\"Search\":\"my\"}"));
        assertThat(page.getTotalCount()).isEqualTo(7);
        assertThat(page.getSubscriptions()).extracting(s -> s.getSubId()).containsExactly("a", "b");

        client.deleteSubscription("p1", "t1", subId);
        assertRequest("DELETE", S + "/" + subId);
        assertThatThrownBy(() -> client.listSubscription("p1", "t1", "", 0, 10))
                .hasMessageContaining("pageIndex");
    }

    @Test
    void offsetsOpenGetCommitAndReset() {
        server.respondJson(
                200,
                "{\"Offsets\":{\"0\":{\"Sequence\":41,\"Timestamp\":1000,\"BatchIndex\":0,\"Version\":3,"
                        + "\"SessionId\":7},\"1\":{\"Sequence\":-1,\"Timestamp\":-1,\"Version\":0,\"SessionId\":7}}}");
        InitAndGetSubscriptionOffsetResult opened =
                client.initAndGetSubscriptionOffset("p1", "t1", "sub1", List.of("0", "1"));
        assertThat(json(assertRequest("POST", S + "/sub1/offsets")))
                .isEqualTo(json("{\"Action\":\"open\",\"ShardIds\":[\"0\",\"1\"]}"));
        OffsetWithSession o0 = opened.getOffsets().get("0");
        assertThat(o0.getSequence()).isEqualTo(41);
        assertThat(o0.getVersion()).isEqualTo(3);
        assertThat(o0.getSessionId()).isEqualTo(7);
        assertThat(opened.getOffsets().get("1").getSequence()).isEqualTo(-1);

        server.respondJson(
                200, "{\"Offsets\":{\"0\":{\"Sequence\":41,\"Timestamp\":1000,\"Version\":3}}}");
        assertThat(
                        client.getSubscriptionOffset("p1", "t1", "sub1", "0")
                                .getOffsets()
                                .get("0")
                                .getVersion())
                .isEqualTo(3);
        assertThat(json(server.lastRequest()))
                .isEqualTo(json("{\"Action\":\"get\",\"ShardIds\":[\"0\"]}"));

        client.updateSubscriptionOffset(
                "p1", "t1", "sub1", Map.of("0", o0.withPosition(50, 2000, 0)));
        RecordingServer.Recorded commit = assertRequest("PUT", S + "/sub1/offsets");
        assertThat(json(commit))
                .isEqualTo(
                        json(
                                "{\"Action\":\"commit\",\"Offsets\":{\"0\":{\"Timestamp\":2000,"
                                        + "\"Sequence\":50,\"BatchIndex\":0,\"Version\":3,\"SessionId\":7}}}"));

        client.resetSubscriptionOffset("p1", "t1", "sub1", Map.of("0", new OffsetBase(10, 500)));
        assertThat(json(assertRequest("PUT", S + "/sub1/offsets")))
                .isEqualTo(
                        json(
                                "{\"Action\":\"reset\",\"Offsets\":{\"0\":{\"Timestamp\":500,\"Sequence\":10,\"BatchIndex\":0}}}"));
    }

    @Test
    void commitFailuresAreTyped() {
        Map<String, OffsetWithSession> offsets = Map.of("0", new OffsetWithSession(1, 1, 0, 0));
        server.respondJson(
                400,
                "{\"ErrorCode\":\"OffsetSessionChanged\",\"ErrorMessage\":\"SubId is occupied by another open\"}");
        assertThatThrownBy(() -> client.updateSubscriptionOffset("p1", "t1", "s", offsets))
                .isInstanceOf(OffsetSessionChangedException.class);
        server.respondJson(400, "{\"ErrorCode\":\"OffsetReseted\",\"ErrorMessage\":\"reset\"}");
        assertThatThrownBy(() -> client.updateSubscriptionOffset("p1", "t1", "s", offsets))
                .isInstanceOf(OffsetResetException.class);
        server.respondJson(
                400, "{\"ErrorCode\":\"SubscriptionOffline\",\"ErrorMessage\":\"offline\"}");
        assertThatThrownBy(() -> client.initAndGetSubscriptionOffset("p1", "t1", "s", "0"))
                .isInstanceOf(SubscriptionOfflineException.class);
        assertThat(server.requests()).hasSize(3);
    }
}
