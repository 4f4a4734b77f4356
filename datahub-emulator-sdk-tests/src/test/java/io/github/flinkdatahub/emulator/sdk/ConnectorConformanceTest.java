package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.DatahubClientException;
import com.aliyun.datahub.client.exception.ResourceNotFoundException;
import com.aliyun.datahub.client.model.ConnectorConfig;
import com.aliyun.datahub.client.model.ConnectorOffset;
import com.aliyun.datahub.client.model.ConnectorShardStatusEntry;
import com.aliyun.datahub.client.model.ConnectorState;
import com.aliyun.datahub.client.model.ConnectorType;
import com.aliyun.datahub.client.model.Field;
import com.aliyun.datahub.client.model.FieldType;
import com.aliyun.datahub.client.model.GetConnectorDoneTimeResult;
import com.aliyun.datahub.client.model.GetConnectorResult;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.RecordType;
import com.aliyun.datahub.client.model.SinkAdsConfig;
import com.aliyun.datahub.client.model.SinkConfig;
import com.aliyun.datahub.client.model.SinkDatahubConfig;
import com.aliyun.datahub.client.model.SinkEsConfig;
import com.aliyun.datahub.client.model.SinkFcConfig;
import com.aliyun.datahub.client.model.SinkHologresConfig;
import com.aliyun.datahub.client.model.SinkMysqlConfig;
import com.aliyun.datahub.client.model.SinkOdpsConfig;
import com.aliyun.datahub.client.model.SinkOssConfig;
import com.aliyun.datahub.client.model.SinkOtsConfig;
import com.aliyun.datahub.client.model.SourceDtsConfig;
import com.aliyun.datahub.client.model.TupleRecordData;
import io.github.flinkdatahub.emulator.testutil.Wait;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.github.flinkdatahub.emulator.sdk.ProjectConformanceTest.assertServiceError;
import static io.github.flinkdatahub.emulator.sdk.Records.assertSameTuple;
import static io.github.flinkdatahub.emulator.sdk.Records.entry;
import static io.github.flinkdatahub.emulator.sdk.Records.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Connectors through the official SDK: every connector type created, listed, read back with its
 * configuration and deleted; then update, state, offsets, shard status, reload, append field and
 * done time on one connector; and a DataHub sink that really delivers.
 */
@ExtendWith(SharedEmulatorExtension.class)
class ConnectorConformanceTest {
    private static final String PROJECT = "sdk_connectors";
    private static final String TARGET = "sink_target";
    private static final RecordSchema SCHEMA = Schemas.allTypes();
    private static final List<String> COLUMNS = List.of("f_bigint", "f_string");
    private static Sdk sdk;
    private static DatahubClient client;

    @BeforeAll
    static void createProject(Sdk shared) {
        sdk = shared;
        client = sdk.client();
        client.createProject(PROJECT, "connector conformance");
        topic(TARGET, 2);
    }

    private static String topic(String name, int shards) {
        client.createTopic(PROJECT, name, shards, 1, RecordType.TUPLE, SCHEMA, name);
        client.waitForShardReady(PROJECT, name);
        return name;
    }

    @ParameterizedTest
    @EnumSource(ConnectorType.class)
    @SuppressWarnings(
            "deprecation") // also looks the connector up by type, a deprecated SDK overload
    void everyConnectorTypeIsCreatedListedReadBackAndDeleted(ConnectorType type) {
        String topic = topic("conn_" + type.name().toLowerCase(Locale.ROOT), 2);

        String id =
                client.createConnector(PROJECT, topic, type, COLUMNS, config(type))
                        .getConnectorId();

        assertThat(id).isNotBlank();
        assertThat(client.listConnector(PROJECT, topic).getConnectorIds()).containsExactly(id);
        GetConnectorResult got = client.getConnector(PROJECT, topic, id);
        assertThat(got.getConnectorId()).isEqualTo(id);
        assertThat(got.getType()).isEqualTo(type);
        assertThat(got.getState()).isEqualTo(ConnectorState.RUNNING);
        assertThat(got.getColumnFields()).containsExactlyElementsOf(COLUMNS);
        assertThat(got.getCreateTime()).isPositive();
        assertThat(got.getCreator()).isNotBlank();
        assertSameConfig(type, got.getConfig());
        assertThat(client.getConnector(PROJECT, topic, type).getConnectorId())
                .as("legacy lookup by type")
                .isEqualTo(id);

        client.deleteConnector(PROJECT, topic, id);
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.getConnector(PROJECT, topic, id)),
                "NoSuchConnector",
                404);
        assertThat(client.listConnector(PROJECT, topic).getConnectorIds()).isEmpty();
    }

    @Test
    void unknownConnectorIsNotFound() {
        String topic = topic("conn_none", 1);
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.getConnector(PROJECT, topic, "no_such_connector_id")),
                "NoSuchConnector",
                404);
    }

    @Test
    void updateReplacesConfigColumnNameMapAndColumns() {
        String topic = topic("conn_update", 1);
        String id =
                client.createConnector(PROJECT, topic, ConnectorType.SINK_ODPS, COLUMNS, odps())
                        .getConnectorId();

        SinkOdpsConfig changed = odps();
        changed.setTable("other_table");
        changed.setTimeRange(30);
        client.updateConnector(PROJECT, topic, id, changed);
        SinkOdpsConfig read = (SinkOdpsConfig) client.getConnector(PROJECT, topic, id).getConfig();
        assertThat(read.getTable()).isEqualTo("other_table");
        assertThat(read.getTimeRange()).isEqualTo(30);

        client.updateConnector(PROJECT, topic, id, Map.of("f_bigint", "id_column"));
        assertThat(client.getConnector(PROJECT, topic, id).getColumnNameMap())
                .containsEntry("f_bigint", "id_column");

        client.updateConnector(PROJECT, topic, id, List.of("f_bigint", "f_string", "f_double"));
        assertThat(client.getConnector(PROJECT, topic, id).getColumnFields())
                .containsExactly("f_bigint", "f_string", "f_double");
    }

    @Test
    void columnNameMapGivenAtCreationAndInACombinedUpdateIsReadBack() {
        String topic = topic("conn_name_map", 1);
        String id =
                client.createConnector(
                                PROJECT,
                                topic,
                                ConnectorType.SINK_ODPS,
                                -1L,
                                COLUMNS,
                                odps(),
                                Map.of("f_string", "name_column"))
                        .getConnectorId();
        assertThat(client.getConnector(PROJECT, topic, id).getColumnNameMap())
                .containsEntry("f_string", "name_column");

        SinkOdpsConfig changed = odps();
        changed.setTable("combined_table");
        client.updateConnector(
                PROJECT,
                topic,
                id,
                changed,
                Map.of("f_double", "double_column"),
                List.of("f_bigint", "f_double"));

        GetConnectorResult got = client.getConnector(PROJECT, topic, id);
        assertThat(((SinkOdpsConfig) got.getConfig()).getTable()).isEqualTo("combined_table");
        assertThat(got.getColumnNameMap()).containsEntry("f_double", "double_column");
        assertThat(got.getColumnFields()).containsExactly("f_bigint", "f_double");
    }

    /**
     * The SDK's older overloads address a connector by its type ({@code .../connectors/sink_odps}).
     */
    @Test
    @SuppressWarnings("deprecation") // the deprecated overloads are what this test is about
    void callsAddressedByConnectorTypeReachTheConnectorOfThatType() {
        String topic = topic("conn_by_type", 2);
        client.putRecordsByShard(
                PROJECT,
                topic,
                "0",
                List.of(entry(Schemas.fullRow(SCHEMA, 0)), entry(Schemas.fullRow(SCHEMA, 1))));
        RecordEntry second = readAll(client, PROJECT, topic, "0", SCHEMA).get(1);
        ConnectorType type = ConnectorType.SINK_ODPS;
        String id = client.createConnector(PROJECT, topic, type, COLUMNS, odps()).getConnectorId();

        SinkOdpsConfig changed = odps();
        changed.setTable("typed_table");
        client.updateConnector(PROJECT, topic, type, changed);
        assertThat(
                        ((SinkOdpsConfig) client.getConnector(PROJECT, topic, id).getConfig())
                                .getTable())
                .isEqualTo("typed_table");

        client.updateConnectorState(PROJECT, topic, type, ConnectorState.STOPPED);
        assertThat(client.getConnector(PROJECT, topic, id).getState())
                .isEqualTo(ConnectorState.STOPPED);
        ConnectorOffset offset = new ConnectorOffset();
        offset.setSequence(second.getSequence());
        offset.setTimestamp(second.getSystemTime());
        client.updateConnectorOffset(PROJECT, topic, type, "0", offset);
        assertThat(client.getConnectorShardStatus(PROJECT, topic, type, "0").getCurrSequence())
                .isEqualTo(second.getSequence());
        assertThat(client.getConnectorShardStatus(PROJECT, topic, type).getStatusEntryMap())
                .containsOnlyKeys("0", "1");
        client.updateConnectorState(PROJECT, topic, type, ConnectorState.RUNNING);

        client.reloadConnector(PROJECT, topic, type);
        client.reloadConnector(PROJECT, topic, type, "1");
        client.appendField(PROJECT, topic, new Field("f_typed", FieldType.BIGINT));
        client.appendConnectorField(PROJECT, topic, type, "f_typed");
        assertThat(client.getConnector(PROJECT, topic, id).getColumnFields()).contains("f_typed");
        assertThat(client.getConnectorDoneTime(PROJECT, topic, type).getTimeZone()).isNotBlank();

        client.deleteConnector(PROJECT, topic, type);
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.getConnector(PROJECT, topic, id)),
                "NoSuchConnector",
                404);
    }

    @Test
    void stateOffsetsAndShardStatusFollowTheCalls() {
        String topic = topic("conn_state", 2);
        client.putRecordsByShard(
                PROJECT,
                topic,
                "0",
                List.of(
                        entry(Schemas.fullRow(SCHEMA, 0)),
                        entry(Schemas.fullRow(SCHEMA, 1)),
                        entry(Schemas.fullRow(SCHEMA, 2))));
        List<RecordEntry> written = readAll(client, PROJECT, topic, "0", SCHEMA);
        String id =
                client.createConnector(PROJECT, topic, ConnectorType.SINK_ODPS, COLUMNS, odps())
                        .getConnectorId();

        Map<String, ConnectorShardStatusEntry> all =
                client.getConnectorShardStatus(PROJECT, topic, id).getStatusEntryMap();
        assertThat(all).containsOnlyKeys("0", "1");
        assertThat(all.values()).allSatisfy(s -> assertThat(s.getState()).isNotNull());

        ConnectorOffset offset = new ConnectorOffset();
        offset.setSequence(written.get(1).getSequence());
        offset.setTimestamp(written.get(1).getSystemTime());
        assertThat(
                        catchThrowableOfType(
                                DatahubClientException.class,
                                () ->
                                        client.updateConnectorOffset(
                                                PROJECT, topic, id, "0", offset)))
                .as("offsets change only while the connector is stopped")
                .isNotNull();

        client.updateConnectorState(PROJECT, topic, id, ConnectorState.STOPPED);
        assertThat(client.getConnector(PROJECT, topic, id).getState())
                .isEqualTo(ConnectorState.STOPPED);
        client.updateConnectorOffset(PROJECT, topic, id, "0", offset);
        ConnectorShardStatusEntry shard0 = client.getConnectorShardStatus(PROJECT, topic, id, "0");
        assertThat(shard0.getCurrSequence()).isEqualTo(written.get(1).getSequence());
        assertThat(shard0.getCurrTimestamp()).isEqualTo(written.get(1).getSystemTime());

        client.updateConnectorState(PROJECT, topic, id, ConnectorState.RUNNING);
        assertThat(client.getConnector(PROJECT, topic, id).getState())
                .isEqualTo(ConnectorState.RUNNING);
    }

    @Test
    void reloadAppendFieldAndDoneTimeAreServed() {
        String topic = topic("conn_misc", 2);
        String id =
                client.createConnector(PROJECT, topic, ConnectorType.SINK_ODPS, COLUMNS, odps())
                        .getConnectorId();

        assertThat(client.reloadConnector(PROJECT, topic, id).getRequestId()).isNotBlank();
        assertThat(client.reloadConnector(PROJECT, topic, id, "1").getRequestId()).isNotBlank();

        client.appendField(PROJECT, topic, new Field("f_added", FieldType.STRING));
        client.appendConnectorField(PROJECT, topic, id, "f_added");
        assertThat(client.getConnector(PROJECT, topic, id).getColumnFields())
                .containsExactly("f_bigint", "f_string", "f_added");

        GetConnectorDoneTimeResult done = client.getConnectorDoneTime(PROJECT, topic, id);
        assertThat(done.getDoneTime()).isNotNull();
        assertThat(done.getTimeZone()).isNotBlank();
        assertThat(done.getTimeWindow()).isNotNull();
    }

    @Test
    void dataHubSinkDeliversRecordsToItsTargetTopic() {
        String topic = topic("conn_deliver", 1);
        String target = topic("deliver_target", 2);
        client.createConnector(
                PROJECT,
                topic,
                ConnectorType.SINK_DATAHUB,
                -1L,
                SCHEMA.getFields().stream().map(Field::getName).collect(Collectors.toList()),
                datahubSink(target));
        client.putRecordsByShard(
                PROJECT,
                topic,
                "0",
                List.of(
                        entry(Schemas.fullRow(SCHEMA, 7)),
                        entry(Schemas.otherExtremesRow(SCHEMA, 8))));

        Wait.until("the connector delivers both records", () -> delivered(target).size() >= 2);
        List<RecordEntry> delivered = delivered(target);
        assertThat(delivered).hasSize(2);
        delivered.sort(
                Comparator.comparing(
                        r -> (Long) ((TupleRecordData) r.getRecordData()).getField("f_bigint")));
        assertSameTuple(delivered.get(0).getRecordData(), Schemas.fullRow(SCHEMA, 7));
        assertSameTuple(delivered.get(1).getRecordData(), Schemas.otherExtremesRow(SCHEMA, 8));
    }

    private static List<RecordEntry> delivered(String target) {
        List<RecordEntry> delivered = new ArrayList<>();
        delivered.addAll(readAll(client, PROJECT, target, "0", SCHEMA));
        delivered.addAll(readAll(client, PROJECT, target, "1", SCHEMA));
        return delivered;
    }

    // ---- configurations of every type and what get must give back ----

    private static ConnectorConfig config(ConnectorType type) {
        switch (type) {
            case SINK_ODPS:
                return odps();
            case SINK_DATAHUB:
                return datahubSink(TARGET);
            case SINK_HOLOGRES:
                {
                    SinkHologresConfig c = new SinkHologresConfig();
                    fillDatahub(c, TARGET);
                    c.setInstanceId("holo-instance");
                    return c;
                }
            case SINK_OSS:
                {
                    SinkOssConfig c = new SinkOssConfig();
                    c.setEndpoint("http://oss.example");
                    c.setBucket("bucket");
                    c.setPrefix("prefix/");
                    c.setTimeFormat("%Y%m%d%H%M");
                    c.setTimeRange(15);
                    c.setMaxFileSize(1024L * 1024);
                    ak(c::setAuthMode, c::setAccessId, c::setAccessKey);
                    return c;
                }
            case SINK_ES:
                {
                    SinkEsConfig c = new SinkEsConfig();
                    c.setIndex("index");
                    c.setEndpoint("http://es.example:9200");
                    c.setUser("es_user");
                    c.setPassword("es-secret");
                    c.setIdFields(List.of("f_bigint"));
                    c.setTypeFields(List.of("f_string"));
                    c.setRouterFields(List.of("f_bigint"));
                    c.setProxyMode(true);
                    return c;
                }
            case SINK_ADS:
                return database(new SinkAdsConfig());
            case SINK_MYSQL:
                return database(new SinkMysqlConfig());
            case SINK_FC:
                {
                    SinkFcConfig c = new SinkFcConfig();
                    c.setEndpoint("http://fc.example");
                    c.setService("service");
                    c.setFunction("function");
                    c.setInvokeType(SinkFcConfig.InvokeType.ASYNC);
                    ak(c::setAuthMode, c::setAccessId, c::setAccessKey);
                    return c;
                }
            case SINK_OTS:
                {
                    SinkOtsConfig c = new SinkOtsConfig();
                    c.setEndpoint("http://ots.example");
                    c.setInstance("instance");
                    c.setTable("table");
                    c.setWriteMode(SinkOtsConfig.WriteMode.UPDATE);
                    ak(c::setAuthMode, c::setAccessId, c::setAccessKey);
                    return c;
                }
            case SOURCE_DTS:
                {
                    SourceDtsConfig c = new SourceDtsConfig();
                    c.setEndpoint("dts.example:18001");
                    c.setTopic("dts_topic");
                    c.setSubId("dts_sub");
                    c.setUser("dts_user");
                    c.setPassword("dts-secret");
                    c.setIdFields(List.of("f_bigint"));
                    return c;
                }
            default:
                throw new IllegalArgumentException("No configuration for " + type);
        }
    }

    private static void assertSameConfig(ConnectorType type, ConnectorConfig actual) {
        assertThat(actual).as("config of " + type).isNotNull();
        switch (type) {
            case SINK_ODPS:
                {
                    SinkOdpsConfig c = (SinkOdpsConfig) actual;
                    assertThat(c.getProject()).isEqualTo("odps_project");
                    assertThat(c.getTable()).isEqualTo("odps_table");
                    assertThat(c.getEndpoint()).isEqualTo("http://odps.example/api");
                    assertThat(c.getTunnelEndpoint()).isEqualTo("http://tunnel.example");
                    assertThat(c.getAccessId()).isEqualTo("odps_ak");
                    assertThat(c.getPartitionMode())
                            .isEqualTo(SinkOdpsConfig.PartitionMode.SYSTEM_TIME);
                    assertThat(c.getTimeRange()).isEqualTo(60);
                    assertThat(c.getTimeZone()).isEqualTo("Asia/Shanghai");
                    assertThat(c.getPartitionConfig().getConfigMap())
                            .containsExactly(Map.entry("ds", "%Y%m%d"), Map.entry("hh", "%H"));
                    break;
                }
            case SINK_DATAHUB:
                {
                    assertSameDatahub((SinkDatahubConfig) actual);
                    break;
                }
            case SINK_HOLOGRES:
                {
                    assertSameDatahub((SinkDatahubConfig) actual);
                    assertThat(((SinkHologresConfig) actual).getInstanceId())
                            .isEqualTo("holo-instance");
                    break;
                }
            case SINK_OSS:
                {
                    SinkOssConfig c = (SinkOssConfig) actual;
                    assertThat(c.getEndpoint()).isEqualTo("http://oss.example");
                    assertThat(c.getBucket()).isEqualTo("bucket");
                    assertThat(c.getPrefix()).isEqualTo("prefix/");
                    assertThat(c.getTimeFormat()).isEqualTo("%Y%m%d%H%M");
                    assertThat(c.getTimeRange()).isEqualTo(15);
                    assertThat(c.getMaxFileSize()).isEqualTo(1024L * 1024);
                    assertThat(c.getAuthMode()).isEqualTo(SinkConfig.AuthMode.AK);
                    assertThat(c.getAccessId()).isEqualTo("sink_ak");
                    break;
                }
            case SINK_ES:
                {
                    SinkEsConfig c = (SinkEsConfig) actual;
                    assertThat(c.getIndex()).isEqualTo("index");
                    assertThat(c.getEndpoint()).isEqualTo("http://es.example:9200");
                    assertThat(c.getUser()).isEqualTo("es_user");
                    assertThat(c.getIdFields()).containsExactly("f_bigint");
                    assertThat(c.getTypeFields()).containsExactly("f_string");
                    assertThat(c.getRouterFields()).containsExactly("f_bigint");
                    assertThat(c.isProxyMode()).isTrue();
                    break;
                }
            case SINK_ADS:
            case SINK_MYSQL:
                {
                    SinkMysqlConfig c = (SinkMysqlConfig) actual;
                    assertThat(c.getHost()).isEqualTo("db.example");
                    assertThat(c.getPort()).isEqualTo(3306);
                    assertThat(c.getDatabase()).isEqualTo("db");
                    assertThat(c.getTable()).isEqualTo("db_table");
                    assertThat(c.getUser()).isEqualTo("db_user");
                    assertThat(c.getInsertMode()).isEqualTo(SinkMysqlConfig.InsertMode.OVERWRITE);
                    break;
                }
            case SINK_FC:
                {
                    SinkFcConfig c = (SinkFcConfig) actual;
                    assertThat(c.getEndpoint()).isEqualTo("http://fc.example");
                    assertThat(c.getService()).isEqualTo("service");
                    assertThat(c.getFunction()).isEqualTo("function");
                    assertThat(c.getInvokeType()).isEqualTo(SinkFcConfig.InvokeType.ASYNC);
                    assertThat(c.getAuthMode()).isEqualTo(SinkConfig.AuthMode.AK);
                    assertThat(c.getAccessId()).isEqualTo("sink_ak");
                    break;
                }
            case SINK_OTS:
                {
                    SinkOtsConfig c = (SinkOtsConfig) actual;
                    assertThat(c.getEndpoint()).isEqualTo("http://ots.example");
                    assertThat(c.getInstance()).isEqualTo("instance");
                    assertThat(c.getTable()).isEqualTo("table");
                    assertThat(c.getWriteMode()).isEqualTo(SinkOtsConfig.WriteMode.UPDATE);
                    assertThat(c.getAuthMode()).isEqualTo(SinkConfig.AuthMode.AK);
                    assertThat(c.getAccessId()).isEqualTo("sink_ak");
                    break;
                }
            case SOURCE_DTS:
                {
                    SourceDtsConfig c = (SourceDtsConfig) actual;
                    assertThat(c.getEndpoint()).isEqualTo("dts.example:18001");
                    assertThat(c.getTopic()).isEqualTo("dts_topic");
                    assertThat(c.getSubId()).isEqualTo("dts_sub");
                    assertThat(c.getUser()).isEqualTo("dts_user");
                    assertThat(c.getIdFields()).containsExactly("f_bigint");
                    break;
                }
            default:
                throw new IllegalArgumentException("No expectation for " + type);
        }
    }

    private static SinkOdpsConfig odps() {
        SinkOdpsConfig c = new SinkOdpsConfig();
        c.setProject("odps_project");
        c.setTable("odps_table");
        c.setEndpoint("http://odps.example/api");
        c.setTunnelEndpoint("http://tunnel.example");
        c.setAccessId("odps_ak");
        c.setAccessKey("odps-secret");
        c.setPartitionMode(SinkOdpsConfig.PartitionMode.SYSTEM_TIME);
        c.setTimeRange(60);
        c.setTimeZone("Asia/Shanghai");
        SinkOdpsConfig.PartitionConfig partitions = new SinkOdpsConfig.PartitionConfig();
        partitions.addConfig("ds", "%Y%m%d");
        partitions.addConfig("hh", "%H");
        c.setPartitionConfig(partitions);
        return c;
    }

    private static SinkDatahubConfig datahubSink(String targetTopic) {
        SinkDatahubConfig c = new SinkDatahubConfig();
        fillDatahub(c, targetTopic);
        return c;
    }

    /** Points a DataHub sink at a topic of this very emulator, with the test account. */
    private static void fillDatahub(SinkDatahubConfig c, String targetTopic) {
        c.setEndpoint(sdk.endpoint());
        c.setProjectName(PROJECT);
        c.setTopicName(targetTopic);
        c.setAuthMode(SinkConfig.AuthMode.AK);
        c.setAccessId(EmulatorProcess.ACCESS_ID);
        c.setAccessKey(EmulatorProcess.ACCESS_KEY);
    }

    private static void assertSameDatahub(SinkDatahubConfig c) {
        assertThat(c.getEndpoint()).isEqualTo(sdk.endpoint());
        assertThat(c.getProjectName()).isEqualTo(PROJECT);
        assertThat(c.getTopicName()).isEqualTo(TARGET);
        assertThat(c.getAuthMode()).isEqualTo(SinkConfig.AuthMode.AK);
        assertThat(c.getAccessId()).isEqualTo(EmulatorProcess.ACCESS_ID);
    }

    private static SinkMysqlConfig database(SinkMysqlConfig c) {
        c.setHost("db.example");
        c.setPort(3306);
        c.setDatabase("db");
        c.setTable("db_table");
        c.setUser("db_user");
        c.setPassword("db-secret");
        c.setInsertMode(SinkMysqlConfig.InsertMode.OVERWRITE);
        return c;
    }

    private static void ak(
            Consumer<SinkConfig.AuthMode> mode, Consumer<String> id, Consumer<String> key) {
        mode.accept(SinkConfig.AuthMode.AK);
        id.accept("sink_ak");
        key.accept("sink-secret");
    }
}
