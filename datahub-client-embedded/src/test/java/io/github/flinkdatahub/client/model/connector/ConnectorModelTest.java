package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.exception.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorModelTest {

    @ParameterizedTest
    @EnumSource(ConnectorType.class)
    void noSecretAppearsInToString(ConnectorType type) {
        ConnectorConfig config = ConnectorConfigSamples.of(type);
        assertThat(config.toString()).doesNotContain(ConnectorConfigSamples.SECRET);
    }

    @ParameterizedTest
    @EnumSource(ConnectorType.class)
    void withoutSecretsDropsOnlyTheSecrets(ConnectorType type) {
        ConnectorConfig config = ConnectorConfigSamples.of(type);
        ConnectorConfig stripped = config.withoutSecrets();
        // toString shows a set secret as *** and a dropped one as null; nothing else may differ.
        assertThat(stripped.toString()).isEqualTo(config.toString().replace("***", "null"));
        if (type != ConnectorType.SINK_OTS) {
            // OTS uses STS in the samples: it has no secret to drop.
            assertThat(stripped).isNotEqualTo(config);
        }
        assertThat(stripped.withoutSecrets()).isEqualTo(stripped);
        assertThat(stripped.supports(type)).isTrue();
    }

    @Test
    void connectorTypeWireValueIsLowerCaseAndParsesEitherCase() {
        assertThat(ConnectorType.SINK_ODPS.wireValue()).isEqualTo("sink_odps");
        assertThat(ConnectorType.fromWireValue("sink_hologres"))
                .isEqualTo(ConnectorType.SINK_HOLOGRES);
        assertThat(ConnectorType.fromWireValue("SOURCE_DTS")).isEqualTo(ConnectorType.SOURCE_DTS);
        assertThat(ConnectorType.fromWireValue(null)).isNull();
        assertThatThrownBy(() -> ConnectorType.fromWireValue("sink_kafka"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("sink_kafka")
                .hasMessageContaining("sink_odps");
    }

    @Test
    void lowerCaseEnumsUseTheirWireValue() {
        assertThat(AuthMode.AK.wireValue()).isEqualTo("ak");
        assertThat(AuthMode.fromWireValue("STS")).isEqualTo(AuthMode.STS);
        assertThat(InvokeType.fromWireValue("sync")).isEqualTo(InvokeType.SYNC);
        assertThat(ConnectorState.fromWireValue("connector_paused"))
                .isEqualTo(ConnectorState.CONNECTOR_PAUSED);
        assertThat(ConnectorShardState.fromWireValue("CONTEXT_DELETED"))
                .isEqualTo(ConnectorShardState.CONTEXT_DELETED);
        assertThat(PartitionMode.fromWireValue("META_TIME")).isEqualTo(PartitionMode.META_TIME);
    }

    @Test
    void databaseConfigServesMysqlAndAdsOnly() {
        ConnectorConfig db = ConnectorConfigSamples.of(ConnectorType.SINK_MYSQL);
        assertThat(db.supports(ConnectorType.SINK_MYSQL)).isTrue();
        assertThat(db.supports(ConnectorType.SINK_ADS)).isTrue();
        assertThat(db.supports(ConnectorType.SINK_ODPS)).isFalse();
    }

    @Test
    void buildersRejectOutOfRangeValuesNamingTheSetting() {
        assertThatThrownBy(() -> DatabaseConnectorConfig.builder().port(70000).build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> OdpsConnectorConfig.builder().timeRange(-1).build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("timeRange");
        assertThatThrownBy(() -> OssConnectorConfig.builder().maxFileSize(-5).build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("maxFileSize");
        assertThatThrownBy(() -> OtsConnectorConfig.builder().writeMode(null).build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("writeMode");
    }

    @Test
    void partitionConfigKeepsItsOrderAndOrderCountsForEquality() {
        Map<String, String> dsFirst = new LinkedHashMap<>();
        dsFirst.put("ds", "%Y%m%d");
        dsFirst.put("hh", "%H");
        Map<String, String> hhFirst = new LinkedHashMap<>();
        hhFirst.put("hh", "%H");
        hhFirst.put("ds", "%Y%m%d");
        OdpsConnectorConfig a = OdpsConnectorConfig.builder().partitionConfig(dsFirst).build();
        assertThat(a.getPartitionConfig().keySet()).containsExactly("ds", "hh");
        assertThat(a).isNotEqualTo(OdpsConnectorConfig.builder().partitionConfig(hhFirst).build());
        assertThat(a).isEqualTo(a.toBuilder().build());
    }

    @Test
    void toBuilderCopiesEverything() {
        ConnectorConfigSamples.all()
                .forEach(
                        (type, config) -> {
                            ConnectorConfig copy;
                            if (config instanceof OdpsConnectorConfig) {
                                copy = ((OdpsConnectorConfig) config).toBuilder().build();
                            } else if (config instanceof DatabaseConnectorConfig) {
                                copy = ((DatabaseConnectorConfig) config).toBuilder().build();
                            } else if (config instanceof EsConnectorConfig) {
                                copy = ((EsConnectorConfig) config).toBuilder().build();
                            } else if (config instanceof FcConnectorConfig) {
                                copy = ((FcConnectorConfig) config).toBuilder().build();
                            } else if (config instanceof OssConnectorConfig) {
                                copy = ((OssConnectorConfig) config).toBuilder().build();
                            } else if (config instanceof OtsConnectorConfig) {
                                copy = ((OtsConnectorConfig) config).toBuilder().build();
                            } else if (config instanceof HologresConnectorConfig) {
                                copy = ((HologresConnectorConfig) config).toBuilder().build();
                            } else if (config instanceof DataHubConnectorConfig) {
                                copy = ((DataHubConnectorConfig) config).toBuilder().build();
                            } else {
                                copy = ((DtsConnectorConfig) config).toBuilder().build();
                            }
                            assertThat(copy)
                                    .as(type.name())
                                    .isEqualTo(config)
                                    .hasSameHashCodeAs(config);
                        });
    }

    @Test
    void stsAuthHasNoKeys() {
        assertThat(ConnectorAuth.sts().getAccessId()).isNull();
        assertThat(ConnectorAuth.ak("the-id", "the-key").toString())
                .contains("the-id")
                .doesNotContain("the-key");
    }
}
