package io.github.flinkdatahub.emulator.connectors;

import io.github.flinkdatahub.client.model.connector.BinaryParserConfig;
import io.github.flinkdatahub.client.model.connector.BinaryParserType;
import io.github.flinkdatahub.client.model.connector.ConnectorAuth;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.DataHubConnectorConfig;
import io.github.flinkdatahub.client.model.connector.DatabaseConnectorConfig;
import io.github.flinkdatahub.client.model.connector.DtsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.EsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.FcConnectorConfig;
import io.github.flinkdatahub.client.model.connector.HologresConnectorConfig;
import io.github.flinkdatahub.client.model.connector.InvokeType;
import io.github.flinkdatahub.client.model.connector.OdpsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.OssConnectorConfig;
import io.github.flinkdatahub.client.model.connector.OtsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.PartitionMode;
import io.github.flinkdatahub.client.model.connector.TimestampUnit;
import io.github.flinkdatahub.client.model.connector.WriteMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete config per connector type; {@code tag} goes into a name so two versions differ.
 * Secrets contain SECRET.
 */
final class ConnectorConfigs {
    static final String SECRET = "SECRET";

    private ConnectorConfigs() {}

    static ConnectorConfig of(ConnectorType type, String tag) {
        switch (type) {
            case SINK_ODPS:
                Map<String, String> partitions = new LinkedHashMap<>();
                partitions.put("ds", "%Y%m%d");
                partitions.put("hh", "%H");
                return OdpsConnectorConfig.builder()
                        .project("op")
                        .table("ot_" + tag)
                        .odpsEndpoint("http://odps")
                        .tunnelEndpoint("http://tunnel")
                        .accessId("oak")
                        .accessKey(SECRET + "-odps")
                        .partitionMode(PartitionMode.SYSTEM_TIME)
                        .timeRange(60)
                        .timeZone("Asia/Shanghai")
                        .partitionConfig(partitions)
                        .base64Encode(false)
                        .build();
            case SINK_ADS:
            case SINK_MYSQL:
                return DatabaseConnectorConfig.builder()
                        .host("db.example")
                        .port(3306)
                        .database("d")
                        .table("t_" + tag)
                        .user("u")
                        .password(SECRET + "-db")
                        .ignore(false)
                        .build();
            case SINK_ES:
                return EsConnectorConfig.builder()
                        .index("idx_" + tag)
                        .endpoint("http://es")
                        .user("eu")
                        .password(SECRET + "-es")
                        .idFields(List.of("a"))
                        .typeFields(List.of("b"))
                        .routerFields(List.of("a"))
                        .proxyMode(true)
                        .timestampUnit(TimestampUnit.SECOND)
                        .build();
            case SINK_FC:
                return FcConnectorConfig.builder()
                        .endpoint("http://fc")
                        .service("s")
                        .function("f_" + tag)
                        .auth(ConnectorAuth.ak("fcid", SECRET + "-fc"))
                        .invokeType(InvokeType.ASYNC)
                        .build();
            case SINK_OSS:
                return OssConnectorConfig.builder()
                        .endpoint("http://oss")
                        .bucket("b")
                        .prefix("p_" + tag + "/")
                        .timeFormat("%Y%m%d%H%M")
                        .timeRange(15)
                        .maxFileSize(1 << 20)
                        .auth(ConnectorAuth.ak("ossid", SECRET + "-oss"))
                        .build();
            case SINK_OTS:
                return OtsConnectorConfig.builder()
                        .endpoint("http://ots")
                        .instanceName("i")
                        .tableName("t_" + tag)
                        .writeMode(WriteMode.UPDATE)
                        .auth(ConnectorAuth.sts())
                        .build();
            case SINK_HOLOGRES:
                return HologresConnectorConfig.builder()
                        .endpoint("http://holo")
                        .project("hp")
                        .topic("ht_" + tag)
                        .instanceId("inst")
                        .auth(ConnectorAuth.ak("hid", SECRET + "-holo"))
                        .binaryParserConfig(
                                BinaryParserConfig.builder()
                                        .parserType(BinaryParserType.DELIMITER_PARSER)
                                        .columnNames(List.of("x", "y"))
                                        .parseData(true)
                                        .lineDelimiter("\n")
                                        .columnDelimiter(",")
                                        .nullValue("\\N")
                                        .build())
                        .skipDirtyPack(true)
                        .timestampUnit(TimestampUnit.MILLISECOND)
                        .build();
            case SINK_DATAHUB:
                // Unreachable on purpose: these connectors are only stored here.
                return DataHubConnectorConfig.builder()
                        .endpoint("http://127.0.0.1:1")
                        .project("p2")
                        .topic("t_" + tag)
                        .auth(ConnectorAuth.ak("dhid", SECRET + "-dh"))
                        .build();
            case SOURCE_DTS:
                return DtsConnectorConfig.builder()
                        .endpoint("dts:1234")
                        .topic("dt_" + tag)
                        .subId("ds")
                        .user("du")
                        .password(SECRET + "-dts")
                        .idFields(List.of("a"))
                        .build();
            default:
                throw new IllegalArgumentException(type.name());
        }
    }
}
