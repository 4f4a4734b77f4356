package io.github.flinkdatahub.client.model.connector;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One config per connector type with every member set; every secret contains {@link #SECRET}. */
public final class ConnectorConfigSamples {
    public static final String SECRET = "SECRET";

    private ConnectorConfigSamples() {}

    public static Map<ConnectorType, ConnectorConfig> all() {
        Map<ConnectorType, ConnectorConfig> m = new EnumMap<>(ConnectorType.class);
        for (ConnectorType type : ConnectorType.values()) {
            m.put(type, of(type));
        }
        return m;
    }

    public static ConnectorConfig of(ConnectorType type) {
        switch (type) {
            case SINK_ODPS:
                return odps();
            case SINK_ADS:
            case SINK_MYSQL:
                return DatabaseConnectorConfig.builder()
                        .host("db.example")
                        .port(3306)
                        .database("d")
                        .table("t")
                        .user("u")
                        .password(SECRET + "-db")
                        .ignore(false)
                        .build();
            case SINK_ES:
                return EsConnectorConfig.builder()
                        .index("idx")
                        .endpoint("http://es")
                        .user("eu")
                        .password(SECRET + "-es")
                        .idFields(List.of("a", "b"))
                        .typeFields(List.of("c"))
                        .routerFields(List.of("d"))
                        .proxyMode(true)
                        .timestampUnit(TimestampUnit.SECOND)
                        .build();
            case SINK_FC:
                return FcConnectorConfig.builder()
                        .endpoint("http://fc")
                        .service("s")
                        .function("f")
                        .auth(ConnectorAuth.ak("fcid", SECRET + "-fc"))
                        .invokeType(InvokeType.ASYNC)
                        .build();
            case SINK_OSS:
                return OssConnectorConfig.builder()
                        .endpoint("http://oss")
                        .bucket("b")
                        .prefix("p/")
                        .timeFormat("%Y%m%d%H%M")
                        .timeRange(15)
                        .maxFileSize(1 << 20)
                        .auth(ConnectorAuth.ak("ossid", SECRET + "-oss"))
                        .build();
            case SINK_OTS:
                return OtsConnectorConfig.builder()
                        .endpoint("http://ots")
                        .instanceName("i")
                        .tableName("t")
                        .writeMode(WriteMode.UPDATE)
                        .auth(ConnectorAuth.sts())
                        .build();
            case SINK_HOLOGRES:
                return HologresConnectorConfig.builder()
                        .endpoint("http://holo")
                        .project("hp")
                        .topic("ht")
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
                return DataHubConnectorConfig.builder()
                        .endpoint("http://dh")
                        .project("p2")
                        .topic("t2")
                        .auth(ConnectorAuth.ak("dhid", SECRET + "-dh"))
                        .build();
            case SOURCE_DTS:
                return DtsConnectorConfig.builder()
                        .endpoint("dts:1234")
                        .topic("dt")
                        .subId("ds")
                        .user("du")
                        .password(SECRET + "-dts")
                        .idFields(List.of("k"))
                        .build();
            default:
                throw new IllegalArgumentException(type.name());
        }
    }

    private static OdpsConnectorConfig odps() {
        Map<String, String> partitions = new LinkedHashMap<>();
        partitions.put("ds", "%Y%m%d");
        partitions.put("hh", "%H");
        return OdpsConnectorConfig.builder()
                .project("op")
                .table("ot")
                .odpsEndpoint("http://odps")
                .tunnelEndpoint("http://tunnel")
                .accessId("oak")
                .accessKey(SECRET + "-odps")
                .partitionMode(PartitionMode.EVENT_TIME)
                .timeRange(60)
                .timeZone("Asia/Shanghai")
                .partitionConfig(partitions)
                .splitKey("f1")
                .base64Encode(false)
                .binaryParserConfig(
                        BinaryParserConfig.builder()
                                .parserType(BinaryParserType.INFORMATICA_JSON_PARSER)
                                .columnNames(List.of("j"))
                                .build())
                .build();
    }
}
