package io.github.flinkdatahub.emulator.connectors;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InvalidOperationException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.OperationDeniedException;
import io.github.flinkdatahub.client.exception.ResourceExistException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorOffset;
import io.github.flinkdatahub.client.model.connector.ConnectorShardState;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.OdpsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ShardStatusEntry;
import io.github.flinkdatahub.client.model.result.GetConnectorDoneTimeResult;
import io.github.flinkdatahub.client.model.result.GetConnectorResult;
import io.github.flinkdatahub.client.model.subscription.SubscriptionType;
import io.github.flinkdatahub.client.protocol.json.ConnectorJson;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.subscriptions.RawCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connector metadata and operations, for every type (only SINK_DATAHUB runs: see
 * SinkDataHubConnectorTest).
 */
class ConnectorEmulationTest {
    static final String P = "conn_proj";
    static DataHubEmulator emulator;
    static DataHubClient client;
    static RawCalls raw;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.client();
        raw = new RawCalls(emulator);
        client.createProject(P, "connectors");
    }

    @AfterAll
    static void stop() {
        raw.close();
        client.close();
        emulator.close();
    }

    static void topic(String name, int shards) {
        client.createTupleTopic(
                P,
                name,
                shards,
                1,
                RecordSchema.fromLists(
                        List.of("a", "b", "c"),
                        List.of(FieldType.BIGINT, FieldType.STRING, FieldType.DOUBLE)),
                "t");
    }

    static String odps(String topic) {
        return client.createConnector(
                        P,
                        topic,
                        ConnectorType.SINK_ODPS,
                        List.of("a", "b"),
                        ConnectorConfigs.of(ConnectorType.SINK_ODPS, "v1"))
                .getConnectorId();
    }

    static String code(Throwable t) {
        return ((DataHubException) t).getErrorCode();
    }

    @ParameterizedTest
    @EnumSource(ConnectorType.class)
    void everyTypeRoundTripsWithoutReturningSecrets(ConnectorType type) {
        String topic = "rt_" + type.wireValue();
        topic(topic, 2);
        ConnectorConfig v1 = ConnectorConfigs.of(type, "v1");
        String id =
                client.createConnector(P, topic, type, List.of("a", "B"), v1, 1_700_000_000_000L)
                        .getConnectorId();
        assertThat(id).matches("dh-[a-z0-9]{16}");
        assertThat(client.listConnector(P, topic).getConnectorIds()).containsExactly(id);

        GetConnectorResult got = client.getConnector(P, topic, id);
        assertThat(got.getConnectorId()).isEqualTo(id);
        assertThat(got.getType()).isEqualTo(type);
        assertThat(got.getState()).isEqualTo(ConnectorState.CONNECTOR_RUNNING);
        assertThat(got.getColumnFields()).containsExactly("a", "B");
        assertThat(got.getConfig()).isEqualTo(v1.withoutSecrets());
        assertThat(got.getCreator()).isEqualTo(DataHubEmulator.DEFAULT_ACCESS_ID);
        assertThat(got.getCreateTime()).isPositive();
        assertThat(got.getClusterAddress())
                .as("the service names the cluster running it")
                .isEqualTo(ConnectorViews.CLUSTER_ADDRESS);
        assertThat(got.getShardContexts())
                .extracting(c -> c.getShardId())
                .containsExactly("0", "1");
        assertThat(client.getSubscription(P, topic, got.getSubId()).getType())
                .isEqualTo(SubscriptionType.SYSTEM);

        String body =
                raw.getText("/projects/" + P + "/topics/" + topic + "/connectors/" + id, null);
        assertThat(body)
                .contains("\"Type\":\"" + type.wireValue() + "\"")
                .doesNotContain(ConnectorConfigs.SECRET);

        ConnectorConfig v2 = ConnectorConfigs.of(type, "v2");
        client.updateConnector(P, topic, id, v2);
        assertThat(client.getConnector(P, topic, id).getConfig()).isEqualTo(v2.withoutSecrets());

        client.deleteConnector(P, topic, id);
        assertThatThrownBy(() -> client.getConnector(P, topic, id))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchConnector"));
        assertThatThrownBy(() -> client.getSubscription(P, topic, got.getSubId()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchSubscription"));
        assertThat(client.listConnector(P, topic).getConnectorIds()).isEmpty();
    }

    @Test
    void anUpdateWithoutSecretsKeepsTheStoredOnes() {
        topic("keep_secrets", 1);
        String id = odps("keep_secrets");
        OdpsConnectorConfig fromGet =
                (OdpsConnectorConfig) client.getConnector(P, "keep_secrets", id).getConfig();
        assertThat(fromGet.getAccessKey()).isNull();
        // Without the stored key this would be refused for lacking "AccessKey".
        client.updateConnector(P, "keep_secrets", id, fromGet.toBuilder().table("other").build());
        assertThat(
                        ((OdpsConnectorConfig)
                                        client.getConnector(P, "keep_secrets", id).getConfig())
                                .getTable())
                .isEqualTo("other");
    }

    @Test
    void incompleteConfigsAreRefusedNamingTheMissingKey() {
        topic("incomplete", 1);
        OdpsConnectorConfig full =
                (OdpsConnectorConfig) ConnectorConfigs.of(ConnectorType.SINK_ODPS, "v1");
        assertThatThrownBy(
                        () ->
                                client.createConnector(
                                        P,
                                        "incomplete",
                                        ConnectorType.SINK_ODPS,
                                        List.of("a"),
                                        full.toBuilder().table(null).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"Table\"");
        assertThatThrownBy(
                        () ->
                                client.createConnector(
                                        P,
                                        "incomplete",
                                        ConnectorType.SINK_ODPS,
                                        List.of("a"),
                                        full.toBuilder().timeRange(0).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("\"TimeRange\"");
        assertThatThrownBy(
                        () ->
                                client.createConnector(
                                        P,
                                        "incomplete",
                                        ConnectorType.SINK_ODPS,
                                        List.of("a"),
                                        full.toBuilder().accessKey(null).build()))
                .hasMessageContaining("\"AccessKey\"");
        assertThat(client.listConnector(P, "incomplete").getConnectorIds()).isEmpty();
    }

    @Test
    void columnsMustBeFieldsOfTheTopic() {
        topic("columns", 1);
        ConnectorConfig odps = ConnectorConfigs.of(ConnectorType.SINK_ODPS, "v1");
        assertThatThrownBy(
                        () ->
                                client.createConnector(
                                        P,
                                        "columns",
                                        ConnectorType.SINK_ODPS,
                                        List.of("a", "nope"),
                                        odps))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("nope");
        // Our client refuses an empty list itself; the emulator must refuse it too.
        String empty =
                ConnectorJson.writeCreateRequest(
                                new ConnectorJson.CreateConnectorRequest(
                                        ConnectorType.SINK_ODPS, -1, List.of(), null, odps, null))
                        .toString();
        assertThatThrownBy(
                        () ->
                                raw.post(
                                        "/projects/" + P + "/topics/columns/connectors/sink_odps",
                                        empty))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("ColumnFields");
        client.createBlobTopic(P, "blob_columns", 1, 1, "blob");
        String id =
                client.createConnector(
                                P, "blob_columns", ConnectorType.SINK_ODPS, List.of("data"), odps)
                        .getConnectorId();
        assertThat(client.getConnector(P, "blob_columns", id).getColumnFields())
                .containsExactly("data");
    }

    @Test
    void oneConnectorPerTypeAndTopic() {
        topic("one_per_type", 1);
        odps("one_per_type");
        assertThatThrownBy(() -> odps("one_per_type"))
                .isInstanceOf(ResourceExistException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("ConnectorAlreadyExist"));
        client.createConnector(
                P,
                "one_per_type",
                ConnectorType.SINK_MYSQL,
                List.of("a"),
                ConnectorConfigs.of(ConnectorType.SINK_MYSQL, "v1"));
        assertThat(client.listConnector(P, "one_per_type").getConnectorIds()).hasSize(2);
        assertThatThrownBy(() -> odps("no_such_topic"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchTopic"));
    }

    @Test
    void theLegacyApiAddressesConnectorsByType() {
        topic("legacy", 1);
        String id = odps("legacy");
        String path = "/projects/" + P + "/topics/legacy/connectors";
        assertThat(raw.getText(path, null)).isEqualTo("{\"Connectors\":[\"sink_odps\"]}");
        assertThat(raw.getText(path, "mode=id")).isEqualTo("{\"Connectors\":[\"" + id + "\"]}");
        assertThat(client.getConnector(P, "legacy", "sink_odps").getConnectorId()).isEqualTo(id);
        assertThatThrownBy(() -> client.getConnector(P, "legacy", "sink_es"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchConnector"));
        client.deleteConnector(P, "legacy", "sink_odps");
        assertThat(client.listConnector(P, "legacy").getConnectorIds()).isEmpty();
    }

    @Test
    void connectorsTheEmulatorDoesNotRunSayWhyInTheirStatus() {
        topic("status", 2);
        String id = odps("status");
        Map<String, ShardStatusEntry> all =
                client.getConnectorShardStatus(P, "status", id).getShardStatusInfos();
        assertThat(all).containsOnlyKeys("0", "1");
        assertThat(all.get("0").getState()).isEqualTo(ConnectorShardState.CONTEXT_PLANNED);
        assertThat(all.get("0").getLastErrorMessage())
                .contains("not executed by the emulator", "sink_odps");
        assertThat(all.get("0").getCurrentSequence()).isEqualTo(-1);
        assertThat(all.get("0").getWorkerAddress()).isNotEmpty();

        client.updateConnectorState(P, "status", id, ConnectorState.CONNECTOR_STOPPED);
        assertThat(client.getConnector(P, "status", id).getState())
                .isEqualTo(ConnectorState.CONNECTOR_STOPPED);
        Map<String, ShardStatusEntry> one =
                client.getConnectorShardStatus(P, "status", id, "1").getShardStatusInfos();
        assertThat(one).containsOnlyKeys("1");
        assertThat(one.get("1").getState()).isEqualTo(ConnectorShardState.CONTEXT_STOPPED);
        assertThatThrownBy(() -> client.getConnectorShardStatus(P, "status", id, "9"))
                .isInstanceOf(ShardNotFoundException.class);
    }

    @Test
    void offsetsChangeOnlyWhileStopped() {
        topic("offsets", 2);
        String id = odps("offsets");
        assertThatThrownBy(
                        () ->
                                client.updateConnectorOffset(
                                        P, "offsets", id, "0", new ConnectorOffset(100, -1)))
                .isInstanceOf(InvalidOperationException.class)
                .hasMessageContaining("CONNECTOR_STOPPED");
        client.updateConnectorState(P, "offsets", id, ConnectorState.CONNECTOR_STOPPED);
        client.updateConnectorOffset(
                P, "offsets", id, "0", new ConnectorOffset(100, 1_700_000_000_000L));
        Map<String, ShardStatusEntry> status =
                client.getConnectorShardStatus(P, "offsets", id).getShardStatusInfos();
        assertThat(status.get("0").getCurrentSequence()).isEqualTo(100);
        assertThat(status.get("0").getCurrentTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(status.get("1").getCurrentSequence()).isEqualTo(-1);
        assertThat(
                        client.getConnector(P, "offsets", id)
                                .getShardContexts()
                                .get(0)
                                .getCurrentSequence())
                .isEqualTo(100);

        client.updateConnectorOffset(
                P, "offsets", id, null, new ConnectorOffset(-1, 1_600_000_000_000L));
        status = client.getConnectorShardStatus(P, "offsets", id).getShardStatusInfos();
        assertThat(status.values())
                .allSatisfy(s -> assertThat(s.getCurrentTimestamp()).isEqualTo(1_600_000_000_000L));
        assertThatThrownBy(
                        () ->
                                client.updateConnectorOffset(
                                        P, "offsets", id, "5", new ConnectorOffset(1, -1)))
                .isInstanceOf(ShardNotFoundException.class);
    }

    @Test
    void onlyRunningAndStoppedCanBeSet() {
        topic("states", 1);
        String id = odps("states");
        String path = "/projects/" + P + "/topics/states/connectors/" + id;
        assertThatThrownBy(
                        () ->
                                raw.post(
                                        path,
                                        "{\"Action\":\"updatestate\",\"State\":\"CONNECTOR_CREATED\"}"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("CONNECTOR_CREATED");
        assertThatThrownBy(
                        () ->
                                raw.post(
                                        path,
                                        "{\"Action\":\"UpdateState\",\"State\":\"CONNECTOR_PAUSED\"}"))
                .isInstanceOf(InvalidParameterException.class);
        raw.post(path, "{\"Action\":\"UpdateState\",\"State\":\"CONNECTOR_STOPPED\"}");
        assertThat(client.getConnector(P, "states", id).getState())
                .isEqualTo(ConnectorState.CONNECTOR_STOPPED);
    }

    @Test
    void appendedFieldsMustExistInTheTopic() {
        topic("append", 1);
        String id = odps("append");
        assertThatThrownBy(() -> client.appendConnectorField(P, "append", id, "d"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("d");
        client.appendField(P, "append", "d", FieldType.STRING);
        client.appendConnectorField(P, "append", id, "D");
        assertThat(client.getConnector(P, "append", id).getColumnFields())
                .containsExactly("a", "b", "d");
        assertThatThrownBy(() -> client.appendConnectorField(P, "append", id, "A"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("already");
    }

    @Test
    void doneTimeCarriesThePartitionWindowAndZone() {
        topic("donetime", 1);
        String id = odps("donetime");
        GetConnectorDoneTimeResult done = client.getConnectorDoneTime(P, "donetime", id);
        assertThat(done.getTimeWindow()).isEqualTo(3600);
        assertThat(done.getTimeZone()).isEqualTo("Asia/Shanghai");
        assertThat(done.getDoneTime()).isZero();
    }

    @Test
    void reloadTakesAllShardsOrAnExistingOne() {
        topic("reload", 2);
        String id = odps("reload");
        client.reloadConnector(P, "reload", id);
        client.reloadConnector(P, "reload", id, "1");
        assertThatThrownBy(() -> client.reloadConnector(P, "reload", id, "2"))
                .isInstanceOf(ShardNotFoundException.class);
        assertThatThrownBy(() -> client.reloadConnector(P, "reload", "dh-nosuchconnector00", "1"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchConnector"));
    }

    @Test
    void aConnectorsSubscriptionGoesOnlyWithTheConnector() {
        topic("system_sub", 1);
        String id = odps("system_sub");
        String subId = client.getConnector(P, "system_sub", id).getSubId();
        assertThatThrownBy(() -> client.deleteSubscription(P, "system_sub", subId))
                .isInstanceOf(OperationDeniedException.class)
                .hasMessageContaining(id);
    }
}
