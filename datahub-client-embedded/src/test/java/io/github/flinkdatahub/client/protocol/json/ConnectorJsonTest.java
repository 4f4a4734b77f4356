package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorConfigSamples;
import io.github.flinkdatahub.client.model.connector.ConnectorOffset;
import io.github.flinkdatahub.client.model.connector.ConnectorShardState;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.DatabaseConnectorConfig;
import io.github.flinkdatahub.client.model.connector.OdpsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.PartitionMode;
import io.github.flinkdatahub.client.model.connector.ShardContext;
import io.github.flinkdatahub.client.model.connector.ShardStatusEntry;
import io.github.flinkdatahub.client.model.result.CreateConnectorResult;
import io.github.flinkdatahub.client.model.result.GetConnectorDoneTimeResult;
import io.github.flinkdatahub.client.model.result.GetConnectorResult;
import io.github.flinkdatahub.client.model.result.GetConnectorShardStatusResult;
import io.github.flinkdatahub.client.model.result.ListConnectorResult;
import io.github.flinkdatahub.client.protocol.json.ConnectorJson.CreateConnectorRequest;
import io.github.flinkdatahub.client.protocol.json.ConnectorJson.UpdateConnectorRequest;
import io.github.flinkdatahub.client.protocol.json.ConnectorJson.UpdateOffsetRequest;
import io.github.flinkdatahub.client.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.flinkdatahub.client.protocol.json.ConnectorConfigJsonTest.compact;
import static io.github.flinkdatahub.client.protocol.json.ConnectorConfigJsonTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorJsonTest {

    private static OdpsConnectorConfig capturedOdpsConfig() {
        Map<String, String> partitions = new LinkedHashMap<>();
        partitions.put("ds", "%Y%m%d");
        partitions.put("hh", "%H");
        return OdpsConnectorConfig.builder()
                .project("op")
                .table("ot")
                .odpsEndpoint("http://odps")
                .tunnelEndpoint("http://tunnel")
                .accessId("oak")
                .accessKey("osk")
                .partitionMode(PartitionMode.SYSTEM_TIME)
                .timeRange(60)
                .timeZone("Asia/Shanghai")
                .partitionConfig(partitions)
                .build();
    }

    // ---- create ----

    @Test
    void createRequestMatchesTheJavaSdkCapture() {
        CreateConnectorRequest request =
                new CreateConnectorRequest(
                        ConnectorType.SINK_ODPS,
                        1700000000000L,
                        List.of("f_bigint"),
                        null,
                        capturedOdpsConfig(),
                        null);

        assertThat(ConnectorJson.writeCreateRequest(request).toString())
                .isEqualTo(
                        compact(
                                """
                {"Action":"Create","Type":"SINK_ODPS","SinkStartTime":1700000000000,"ColumnFields":["f_bigint"],
                 "Config":{"TimestampUnit":"MICROSECOND","Project":"op","Table":"ot","OdpsEndpoint":"http://odps",
                  "TunnelEndpoint":"http://tunnel","AccessId":"oak","AccessKey":"osk","PartitionMode":"SYSTEM_TIME",
                  "TimeRange":60,"TimeZone":"Asia/Shanghai","PartitionConfig":{"ds":"%Y%m%d","hh":"%H"}}}"""));
    }

    @Test
    void createRequestForMysqlSendsPortAndIgnoreAsStrings() {
        DatabaseConnectorConfig mysql =
                DatabaseConnectorConfig.builder()
                        .host("h")
                        .port(3306)
                        .database("d")
                        .table("t")
                        .user("u")
                        .password("p")
                        .build();
        ObjectNode body =
                ConnectorJson.writeCreateRequest(
                        new CreateConnectorRequest(
                                ConnectorType.SINK_MYSQL, -1, List.of("a"), null, mysql, null));

        assertThat(body.get("Type").textValue()).isEqualTo("SINK_MYSQL");
        assertThat(body.get("SinkStartTime").longValue()).isEqualTo(-1);
        assertThat(body.at("/Config/Port").isTextual()).isTrue();
        assertThat(body.at("/Config/Port").textValue()).isEqualTo("3306");
        assertThat(body.at("/Config/Ignore").textValue()).isEqualTo("true");
    }

    @ParameterizedTest
    @EnumSource(ConnectorType.class)
    void createRequestRoundTripsForEveryType(ConnectorType type) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("f1", "c1");
        CreateConnectorRequest request =
                new CreateConnectorRequest(
                        type,
                        1700000000000L,
                        List.of("f1", "f2"),
                        names,
                        ConnectorConfigSamples.of(type),
                        "cluster-a");
        ObjectNode body = ConnectorJson.writeCreateRequest(request);

        assertThat(ConnectorJson.readCreateRequest(body, null)).isEqualTo(request);

        // The Python SDK sends no Type: the server takes it from the URL segment.
        body.remove("Type");
        assertThat(
                        ConnectorJson.readCreateRequest(
                                body, ConnectorType.fromWireValue(type.wireValue())))
                .isEqualTo(request);
    }

    @Test
    void createRequestRejectsAConfigOfAnotherType() {
        assertThatThrownBy(
                        () ->
                                new CreateConnectorRequest(
                                        ConnectorType.SINK_ES,
                                        -1,
                                        List.of(),
                                        null,
                                        capturedOdpsConfig(),
                                        null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("OdpsConnectorConfig")
                .hasMessageContaining("SINK_ES");
    }

    @Test
    void createRequestReaderIsStrict() {
        JsonNode noType = parse("{\"Action\":\"Create\",\"Config\":{}}");
        assertThatThrownBy(() -> ConnectorJson.readCreateRequest(noType, null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Type");
        JsonNode badType = parse("{\"Action\":\"Create\",\"Type\":\"SINK_KAFKA\",\"Config\":{}}");
        assertThatThrownBy(() -> ConnectorJson.readCreateRequest(badType, null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("SINK_KAFKA");
        JsonNode noConfig = parse("{\"Action\":\"Create\",\"Type\":\"SINK_ODPS\"}");
        assertThatThrownBy(() -> ConnectorJson.readCreateRequest(noConfig, null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Config");
    }

    @Test
    void createResponseCarriesTheIdWhenTheServiceSendsOne() {
        ObjectNode body = ConnectorJson.writeCreateResponse(new CreateConnectorResult("c-1"));
        assertThat(body.toString()).isEqualTo("{\"ConnectorId\":\"c-1\"}");
        assertThat(ConnectorJson.readCreateResponse(body).getConnectorId()).isEqualTo("c-1");
        // Services before 2.14 answer without an id.
        assertThat(ConnectorJson.readCreateResponse(Json.object()).getConnectorId()).isNull();
    }

    // ---- list / get ----

    @Test
    void decodesTheRecordedListFixture() {
        ListConnectorResult result =
                ConnectorJson.readListResponse(
                        Json.parse(
                                Fixtures.bytes("projects.success.topics.success.connectors.json")));

        assertThat(result.getConnectorIds()).containsExactly("connector_1", "connector_2");
        assertThat(ConnectorJson.readListResponse(ConnectorJson.writeListResponse(result)))
                .isEqualTo(result);
    }

    @ParameterizedTest
    @EnumSource(ConnectorType.class)
    void getResponseRoundTripsWithoutSecretsForEveryType(ConnectorType type) {
        ConnectorConfig config = ConnectorConfigSamples.of(type);
        GetConnectorResult result =
                GetConnectorResult.builder()
                        .connectorId("c-" + type.wireValue())
                        .clusterAddress("http://cluster")
                        .type(type)
                        .state(ConnectorState.CONNECTOR_RUNNING)
                        .creator("alice")
                        .owner("bob")
                        .createTime(1700000000)
                        .lastModifyTime(1700000100)
                        .columnFields(List.of("f1", "f2"))
                        .columnNameMap(Map.of("f1", "c1"))
                        .config(config)
                        .extraConfig(
                                Map.of(
                                        GetConnectorResult.SUBSCRIPTION_ID_KEY,
                                        "1565580329258VXSY8"))
                        .shardContexts(List.of(new ShardContext("0", 0, -1, 42)))
                        .build();

        ObjectNode body = ConnectorJson.writeGetResponse(result);

        assertThat(body.get("Type").textValue()).isEqualTo(type.wireValue());
        assertThat(body.get("State").textValue()).isEqualTo("CONNECTOR_RUNNING");
        body.get("Config")
                .fields()
                .forEachRemaining(e -> assertThat(e.getValue().isTextual()).isTrue());
        assertThat(body.toString()).doesNotContain(ConnectorConfigSamples.SECRET);

        GetConnectorResult read = ConnectorJson.readGetResponse(body);
        assertThat(read.getConfig()).isEqualTo(config.withoutSecrets());
        assertThat(read.getSubId()).isEqualTo("1565580329258VXSY8");
        assertThat(read)
                .isEqualTo(
                        GetConnectorResult.builder()
                                .connectorId(result.getConnectorId())
                                .clusterAddress("http://cluster")
                                .type(type)
                                .state(ConnectorState.CONNECTOR_RUNNING)
                                .creator("alice")
                                .owner("bob")
                                .createTime(1700000000)
                                .lastModifyTime(1700000100)
                                .columnFields(List.of("f1", "f2"))
                                .columnNameMap(Map.of("f1", "c1"))
                                .config(config.withoutSecrets())
                                .extraConfig(result.getExtraConfig())
                                .shardContexts(result.getShardContexts())
                                .build());
    }

    @Test
    void getResponseAlwaysHasShardContexts() {
        GetConnectorResult bare =
                GetConnectorResult.builder()
                        .type(ConnectorType.SINK_DATAHUB)
                        .state(ConnectorState.CONNECTOR_STOPPED)
                        .build();

        ObjectNode body = ConnectorJson.writeGetResponse(bare);

        assertThat(body.get("ShardContexts").isArray()).isTrue();
        assertThat(body.get("ShardContexts")).isEmpty();
        assertThat(body.get("Config").isObject()).isTrue();
    }

    @Test
    void readsTheServicesGetAnswerWithStringConfig() {
        JsonNode body =
                parse(
                        """
                {"ConnectorId":"c1","ClusterAddress":"","Type":"sink_odps","State":"CONNECTOR_RUNNING",
                 "Creator":"alice","Owner":"alice","CreateTime":1700000000,"LastModifyTime":"1700000100",
                 "ColumnFields":["f_bigint"],"ExtraInfo":{"SubscriptionId":"1565580329258VXSY8"},
                 "Config":{"Project":"op","Table":"ot","OdpsEndpoint":"http://odps","PartitionMode":"SYSTEM_TIME",
                  "TimeRange":"60","TimeZone":"Asia/Shanghai",
                  "PartitionConfig":"[{\\"key\\":\\"ds\\",\\"value\\":\\"%Y%m%d\\"},{\\"key\\":\\"hh\\",\\"value\\":\\"%H\\"}]"},
                 "ShardContexts":[{"ShardId":"0","StartSequence":"0","EndSequence":-1,"CurrentSequence":9}],
                 "SomethingNew":{"x":1}}""");

        GetConnectorResult result = ConnectorJson.readGetResponse(body);

        assertThat(result.getType()).isEqualTo(ConnectorType.SINK_ODPS);
        assertThat(result.getLastModifyTime()).isEqualTo(1700000100L);
        OdpsConnectorConfig config = (OdpsConnectorConfig) result.getConfig();
        assertThat(config.getPartitionConfig())
                .containsExactly(Map.entry("ds", "%Y%m%d"), Map.entry("hh", "%H"));
        assertThat(config.getTimeRange()).isEqualTo(60);
        assertThat(result.getShardContexts()).containsExactly(new ShardContext("0", 0, -1, 9));
        assertThat(result.getSubId()).isEqualTo("1565580329258VXSY8");
        assertThat(result.getColumnNameMap()).isEmpty();
    }

    @Test
    void getAnswerOfAnUnknownTypeReadsWithoutConfig() {
        GetConnectorResult result =
                ConnectorJson.readGetResponse(
                        parse(
                                "{\"Type\":\"sink_kafka\",\"State\":\"CONNECTOR_SLEEPING\",\"Config\":{\"A\":\"b\"}}"));

        assertThat(result.getType()).isNull();
        assertThat(result.getState()).isNull();
        assertThat(result.getConfig()).isNull();
        assertThat(result.getShardContexts()).isEmpty();
        assertThat(result.getSubId()).isNull();
    }

    // ---- update ----

    @Test
    void updateRequestSendsOnlyWhatChanges() {
        ObjectNode configOnly =
                ConnectorJson.writeUpdateRequest(
                        new UpdateConnectorRequest(capturedOdpsConfig(), null, null));
        assertThat(configOnly.fieldNames()).toIterable().containsExactly("Action", "Config");
        assertThat(configOnly.get("Action").textValue()).isEqualTo("updateconfig");
        assertThat(configOnly.at("/Config/TimeRange").intValue()).isEqualTo(60);

        ObjectNode columnsOnly =
                ConnectorJson.writeUpdateRequest(
                        new UpdateConnectorRequest(null, List.of("a"), Map.of("a", "b")));
        assertThat(columnsOnly.toString())
                .isEqualTo(
                        "{\"Action\":\"updateconfig\",\"ColumnNameMap\":{\"a\":\"b\"},\"ColumnFields\":[\"a\"]}");

        assertThatThrownBy(() -> new UpdateConnectorRequest(null, null, null))
                .isInstanceOf(InvalidParameterException.class);
    }

    @ParameterizedTest
    @EnumSource(ConnectorType.class)
    void updateRequestRoundTripsForEveryType(ConnectorType type) {
        UpdateConnectorRequest request =
                new UpdateConnectorRequest(ConnectorConfigSamples.of(type), null, null);
        assertThat(ConnectorJson.readUpdateRequest(ConnectorJson.writeUpdateRequest(request), type))
                .isEqualTo(request);
    }

    // ---- operational calls ----

    @Test
    void reloadAndStatusNameAShardOnlyWhenGiven() {
        assertThat(ConnectorJson.writeReloadRequest(null).toString())
                .isEqualTo("{\"Action\":\"Reload\"}");
        assertThat(ConnectorJson.writeReloadRequest("").toString())
                .isEqualTo("{\"Action\":\"Reload\"}");
        assertThat(ConnectorJson.writeReloadRequest("3").toString())
                .isEqualTo("{\"Action\":\"Reload\",\"ShardId\":\"3\"}");
        assertThat(ConnectorJson.writeStatusRequest(null).toString())
                .isEqualTo("{\"Action\":\"Status\"}");
        assertThat(ConnectorJson.writeStatusRequest("0").toString())
                .isEqualTo("{\"Action\":\"Status\",\"ShardId\":\"0\"}");

        assertThat(ConnectorJson.readShardId(ConnectorJson.writeReloadRequest("3"))).isEqualTo("3");
        assertThat(ConnectorJson.readShardId(ConnectorJson.writeStatusRequest(null))).isNull();
        assertThat(ConnectorJson.readShardId(parse("{\"Action\":\"status\",\"ShardId\":\"\"}")))
                .isNull();
    }

    @Test
    void updateStateSendsTheStateNameAndRefusesCreated() {
        ObjectNode body = ConnectorJson.writeUpdateStateRequest(ConnectorState.CONNECTOR_STOPPED);
        assertThat(body.toString())
                .isEqualTo("{\"Action\":\"updatestate\",\"State\":\"CONNECTOR_STOPPED\"}");
        assertThat(ConnectorJson.readUpdateStateRequest(body))
                .isEqualTo(ConnectorState.CONNECTOR_STOPPED);

        assertThatThrownBy(
                        () ->
                                ConnectorJson.writeUpdateStateRequest(
                                        ConnectorState.CONNECTOR_CREATED))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("CONNECTOR_STOPPED");
        assertThatThrownBy(
                        () ->
                                ConnectorJson.readUpdateStateRequest(
                                        parse("{\"Action\":\"UpdateState\"}")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void updateOffsetAlwaysSendsBothNumbers() {
        ObjectNode oneShard =
                ConnectorJson.writeUpdateOffsetRequest(
                        "0", new ConnectorOffset(100, 1582801630000L));
        assertThat(oneShard.toString())
                .isEqualTo(
                        compact(
                                """
                {"Action":"updateshardcontext","ShardId":"0","CurrentTime":1582801630000,"CurrentSequence":100}"""));
        assertThat(ConnectorJson.readUpdateOffsetRequest(oneShard))
                .isEqualTo(new UpdateOffsetRequest("0", new ConnectorOffset(100, 1582801630000L)));

        ObjectNode allShards =
                ConnectorJson.writeUpdateOffsetRequest("", new ConnectorOffset(-1, 1582801630000L));
        assertThat(allShards.toString())
                .isEqualTo(
                        compact(
                                """
                {"Action":"updateshardcontext","CurrentTime":1582801630000,"CurrentSequence":-1}"""));
        assertThat(ConnectorJson.readUpdateOffsetRequest(allShards).getShardId()).isNull();

        // Python sends only the numbers it has.
        UpdateOffsetRequest python =
                ConnectorJson.readUpdateOffsetRequest(
                        parse(
                                "{\"Action\":\"UpdateShardContext\",\"ShardId\":\"1\",\"CurrentSequence\":7}"));
        assertThat(python.getOffset()).isEqualTo(new ConnectorOffset(7, -1));
    }

    @Test
    void appendFieldSendsTheNameLowerCased() {
        ObjectNode body = ConnectorJson.writeAppendFieldRequest("NewField");
        assertThat(body.toString())
                .isEqualTo("{\"Action\":\"appendfield\",\"FieldName\":\"newfield\"}");
        assertThat(ConnectorJson.readAppendFieldRequest(body)).isEqualTo("newfield");
        assertThatThrownBy(() -> ConnectorJson.writeAppendFieldRequest(""))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("fieldName");
    }

    // ---- status / done time ----

    private static ShardStatusEntry entry(long current) {
        return ShardStatusEntry.builder()
                .startSequence(0)
                .endSequence(-1)
                .currentSequence(current)
                .currentTimestamp(1700000000000L)
                .updateTime(1700000001L)
                .state(ConnectorShardState.CONTEXT_EXECUTING)
                .lastErrorMessage("")
                .discardCount(2)
                .doneTime(1700000000L)
                .workerAddress("10.0.0.1")
                .build();
    }

    @Test
    void statusOfAllShardsRoundTrips() {
        Map<String, ShardStatusEntry> entries = new LinkedHashMap<>();
        entries.put("0", entry(5));
        entries.put("1", entry(6));
        GetConnectorShardStatusResult result = new GetConnectorShardStatusResult(entries);

        ObjectNode body = ConnectorJson.writeShardStatusResponse(result);

        assertThat(body.at("/ShardStatusInfos/1/State").textValue()).isEqualTo("CONTEXT_EXECUTING");
        assertThat(ConnectorJson.readShardStatusResponse(body, null)).isEqualTo(result);
    }

    @Test
    void statusOfOneShardIsTheEntryAtTopLevelWithItsShardId() {
        ObjectNode body = ConnectorJson.writeShardStatusResponse("3", entry(9));

        assertThat(body.toString())
                .isEqualTo(
                        compact(
                                """
                {"ShardId":"3","StartSequence":0,"EndSequence":-1,"CurrentSequence":9,"CurrentTimestamp":1700000000000,
                 "UpdateTime":1700000001,"State":"CONTEXT_EXECUTING","LastErrorMessage":"","DiscardCount":2,
                 "DoneTime":1700000000,"WorkerAddress":"10.0.0.1"}"""));
        assertThat(ConnectorJson.readShardStatusResponse(body, "3").getShardStatusInfos())
                .containsExactly(Map.entry("3", entry(9)));

        body.remove("ShardId");
        assertThat(ConnectorJson.readShardStatusResponse(body, "3").getShardStatusInfos())
                .containsKey("3");
        assertThatThrownBy(() -> ConnectorJson.readShardStatusResponse(body, null))
                .isInstanceOf(CorruptedResponseException.class);
        assertThat(ConnectorJson.readShardStatusResponse(Json.object(), null).getShardStatusInfos())
                .isEmpty();
    }

    @Test
    void statusEntryReadsToleratesStringsAndMissingMembers() {
        ShardStatusEntry e =
                ConnectorJson.readShardStatusResponse(
                                parse(
                                        "{\"ShardId\":\"0\",\"CurrentSequence\":\"12\",\"State\":\"CONTEXT_NEW_THING\"}"),
                                null)
                        .getShardStatusInfos()
                        .get("0");

        assertThat(e.getCurrentSequence()).isEqualTo(12);
        assertThat(e.getState()).isNull();
        assertThat(e.getStartSequence()).isEqualTo(-1);
        assertThat(e.getDiscardCount()).isZero();
    }

    @Test
    void doneTimeRoundTrips() {
        GetConnectorDoneTimeResult result =
                new GetConnectorDoneTimeResult(1700000000L, "Asia/Shanghai", 900);
        ObjectNode body = ConnectorJson.writeDoneTimeResponse(result);

        assertThat(body.toString())
                .isEqualTo(
                        "{\"DoneTime\":1700000000,\"TimeZone\":\"Asia/Shanghai\",\"TimeWindow\":900}");
        assertThat(ConnectorJson.readDoneTimeResponse(body)).isEqualTo(result);
        assertThat(ConnectorJson.readDoneTimeResponse(parse("{\"DoneTime\":\"5\"}")))
                .isEqualTo(new GetConnectorDoneTimeResult(5, null, 0));
    }
}
