package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.model.connector.BinaryParserType;
import io.github.flinkdatahub.client.model.connector.ConnectorAuth;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorConfigSamples;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.DatabaseConnectorConfig;
import io.github.flinkdatahub.client.model.connector.EsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.HologresConnectorConfig;
import io.github.flinkdatahub.client.model.connector.OdpsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.OtsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.PartitionMode;
import io.github.flinkdatahub.client.model.connector.TimestampUnit;
import io.github.flinkdatahub.client.model.connector.WriteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorConfigJsonTest {

    /**
     * Parses and re-renders, so expectations can be written readably but compared member order
     * included.
     */
    static String compact(String json) {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static JsonNode parse(String json) {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void odpsRequestFormIsExactlyTheCapturedJavaSdkConfig() {
        Map<String, String> partitions = new LinkedHashMap<>();
        partitions.put("ds", "%Y%m%d");
        partitions.put("hh", "%H");
        OdpsConnectorConfig config =
                OdpsConnectorConfig.builder()
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

        assertThat(ConnectorConfigJson.writeRequestForm(config).toString())
                .isEqualTo(
                        compact(
                                """
                {"TimestampUnit":"MICROSECOND","Project":"op","Table":"ot","OdpsEndpoint":"http://odps",
                 "TunnelEndpoint":"http://tunnel","AccessId":"oak","AccessKey":"osk","PartitionMode":"SYSTEM_TIME",
                 "TimeRange":60,"TimeZone":"Asia/Shanghai","PartitionConfig":{"ds":"%Y%m%d","hh":"%H"}}"""));
    }

    @Test
    void odpsServiceFormHasStringsAndPartitionPairsAndNoKey() {
        ObjectNode service =
                ConnectorConfigJson.writeServiceForm(
                        ConnectorConfigSamples.of(ConnectorType.SINK_ODPS));

        assertThat(service.get("TimeRange").textValue()).isEqualTo("60");
        assertThat(service.get("PartitionConfig").textValue())
                .isEqualTo(
                        "[{\"key\":\"ds\",\"value\":\"%Y%m%d\"},{\"key\":\"hh\",\"value\":\"%H\"}]");
        assertThat(service.get("BinaryParserConfig").textValue())
                .isEqualTo(
                        "{\"BinaryParserType\":\"INFORMATICA_JSON_PARSER\",\"ColumnNames\":[\"j\"],"
                                + "\"ParseData\":false}");
        assertThat(service.has("AccessKey")).isFalse();
        assertThat(service.get("AccessId").textValue()).isEqualTo("oak");
    }

    @Test
    void databaseRequestFormSendsPortAndIgnoreAsStrings() {
        DatabaseConnectorConfig mysql =
                DatabaseConnectorConfig.builder()
                        .host("h")
                        .port(3306)
                        .database("d")
                        .table("t")
                        .user("u")
                        .password("p")
                        .ignore(true)
                        .build();

        assertThat(ConnectorConfigJson.writeRequestForm(mysql).toString())
                .isEqualTo(
                        compact(
                                """
                {"TimestampUnit":"MICROSECOND","Host":"h","Port":"3306","Database":"d","Table":"t","User":"u",
                 "Password":"p","Ignore":"true"}"""));
    }

    @ParameterizedTest
    @EnumSource(ConnectorType.class)
    void requestFormRoundTripsEveryMember(ConnectorType type) {
        ConnectorConfig config = ConnectorConfigSamples.of(type);
        ObjectNode request = ConnectorConfigJson.writeRequestForm(config);

        assertThat(request.fields().next().getKey()).isEqualTo("TimestampUnit");
        assertThat(request.toString()).contains(ConnectorConfigSamples.SECRET.substring(0, 3));
        assertThat(ConnectorConfigJson.read(type, request)).isEqualTo(config);
    }

    @ParameterizedTest
    @EnumSource(ConnectorType.class)
    void serviceFormIsAllStringsWithoutSecretsAndRoundTrips(ConnectorType type) {
        ConnectorConfig config = ConnectorConfigSamples.of(type);
        ObjectNode service = ConnectorConfigJson.writeServiceForm(config);

        service.fields()
                .forEachRemaining(
                        e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
        assertThat(service.toString()).doesNotContain(ConnectorConfigSamples.SECRET);
        assertThat(ConnectorConfigJson.read(type, service)).isEqualTo(config.withoutSecrets());
    }

    @Test
    void readsTheServicesOdpsConfigWithStringValues() {
        JsonNode service =
                parse(
                        """
                {"Project":"op","Table":"ot","OdpsEndpoint":"http://odps","TunnelEndpoint":"http://tunnel",
                 "AccessId":"oak","PartitionMode":"SYSTEM_TIME","TimeRange":"60","TimeZone":"Asia/Shanghai",
                 "PartitionConfig":"[{\\"key\\":\\"ds\\",\\"value\\":\\"%Y%m%d\\"},{\\"key\\":\\"hh\\",\\"value\\":\\"%H\\"}]",
                 "SubscriptionId":"1565580329258VXSY8","NewServiceKey":"ignored","Base64Encode":"true"}""");

        OdpsConnectorConfig config =
                (OdpsConnectorConfig) ConnectorConfigJson.read(ConnectorType.SINK_ODPS, service);

        assertThat(config.getTimeRange()).isEqualTo(60);
        assertThat(config.getPartitionConfig())
                .containsExactly(Map.entry("ds", "%Y%m%d"), Map.entry("hh", "%H"));
        assertThat(config.getPartitionMode()).isEqualTo(PartitionMode.SYSTEM_TIME);
        assertThat(config.getBase64Encode()).isTrue();
        assertThat(config.getAccessKey()).isNull();
        assertThat(config.getTimestampUnit()).isEqualTo(TimestampUnit.MICROSECOND);
    }

    @Test
    void readsPartitionConfigAsObjectTextOrInlineObject() {
        JsonNode asText =
                parse(
                        "{\"PartitionConfig\":\"{\\\"ds\\\":\\\"%Y%m%d\\\",\\\"hh\\\":\\\"%H\\\"}\"}");
        JsonNode inline =
                parse("{\"PartitionConfig\":{\"ds\":\"%Y%m%d\",\"hh\":\"%H\"},\"TimeRange\":60}");

        for (JsonNode node : List.of(asText, inline)) {
            OdpsConnectorConfig c =
                    (OdpsConnectorConfig) ConnectorConfigJson.read(ConnectorType.SINK_ODPS, node);
            assertThat(c.getPartitionConfig())
                    .containsExactly(Map.entry("ds", "%Y%m%d"), Map.entry("hh", "%H"));
        }
    }

    @Test
    void readsNumbersAndBooleansInEitherForm() {
        JsonNode typed = parse("{\"Port\":3306,\"Ignore\":false}");
        JsonNode strings = parse("{\"Port\":\"3306\",\"Ignore\":\"false\"}");

        for (JsonNode node : List.of(typed, strings)) {
            DatabaseConnectorConfig c =
                    (DatabaseConnectorConfig)
                            ConnectorConfigJson.read(ConnectorType.SINK_ADS, node);
            assertThat(c.getPort()).isEqualTo(3306);
            assertThat(c.isIgnore()).isFalse();
        }
    }

    @Test
    void readsListsAsArraysOrJsonText() {
        JsonNode service =
                parse(
                        "{\"IDFields\":\"[\\\"a\\\"]\",\"TypeFields\":[\"b\"],\"ProxyMode\":\"true\"}");

        EsConnectorConfig es =
                (EsConnectorConfig) ConnectorConfigJson.read(ConnectorType.SINK_ES, service);

        assertThat(es.getIdFields()).containsExactly("a");
        assertThat(es.getTypeFields()).containsExactly("b");
        assertThat(es.getRouterFields()).isEmpty();
        assertThat(es.isProxyMode()).isTrue();
    }

    @Test
    void missingMembersDefaultAndUnknownEnumValuesReadAsUnset() {
        OtsConnectorConfig ots =
                (OtsConnectorConfig)
                        ConnectorConfigJson.read(
                                ConnectorType.SINK_OTS,
                                parse(
                                        "{\"WriteMode\":\"UPSERT_LATER\",\"AuthMode\":\"sts\",\"TimestampUnit\":\"NANOSECOND\"}"));
        assertThat(ots.getWriteMode()).isEqualTo(WriteMode.PUT);
        assertThat(ots.getAuth()).isEqualTo(ConnectorAuth.sts());
        assertThat(ots.getTimestampUnit()).isEqualTo(TimestampUnit.MICROSECOND);

        HologresConnectorConfig holo =
                (HologresConnectorConfig)
                        ConnectorConfigJson.read(
                                ConnectorType.SINK_HOLOGRES,
                                parse(
                                        "{\"BinaryParserConfig\":\"{\\\"BinaryParserType\\\":\\\"DELIMITER_PARSER\\\"}\"}"));
        assertThat(holo.getBinaryParserConfig().getParserType())
                .isEqualTo(BinaryParserType.DELIMITER_PARSER);
        assertThat(holo.getSkipDirtyPack()).isNull();
        assertThat(holo.getAuth()).isNull();

        assertThat(ConnectorConfigJson.read(ConnectorType.SINK_DATAHUB, null))
                .isEqualTo(ConnectorConfigJson.read(ConnectorType.SINK_DATAHUB, Json.object()));
    }

    @Test
    void authWithAccessIdButNoModeReadsAsAccessKey() {
        ConnectorConfig c =
                ConnectorConfigJson.read(
                        ConnectorType.SINK_DATAHUB, parse("{\"AccessId\":\"id\"}"));
        assertThat(ConnectorConfigJson.writeRequestForm(c).toString())
                .isEqualTo(
                        compact(
                                "{\"TimestampUnit\":\"MICROSECOND\",\"AuthMode\":\"ak\",\"AccessId\":\"id\"}"));
    }
}
