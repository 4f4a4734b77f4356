package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.model.connector.AuthMode;
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

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code Config} member of connector bodies, in its two shapes. Clients send typed values
 * (numbers, arrays, objects) and the secrets; the service returns every value as a string, lists
 * and maps as JSON text, and no secrets. {@link #read} accepts both, so the emulator can parse
 * requests and the client can parse responses with it.
 */
@Internal
public final class ConnectorConfigJson {
    private ConnectorConfigJson() {}

    /** The config as a client sends it (Java SDK 2.21.6 shape, {@code TimestampUnit} first). */
    public static ObjectNode writeRequestForm(ConnectorConfig config) {
        return write(config, false);
    }

    /** The config as the service returns it on get: strings only, secrets left out. */
    public static ObjectNode writeServiceForm(ConnectorConfig config) {
        return write(config, true);
    }

    /**
     * Reads either form. Unknown members are ignored, missing ones stay unset, enum values this
     * client does not know read as null; completeness is left to the caller (or the service).
     */
    public static ConnectorConfig read(ConnectorType type, JsonNode config) {
        Validation.notNull(type, "connector type");
        Reader r = new Reader(config);
        switch (type) {
            case SINK_ODPS:
                return readOdps(r);
            case SINK_ADS:
            case SINK_MYSQL:
                return readDatabase(r);
            case SINK_ES:
                return readEs(r);
            case SINK_FC:
                return readFc(r);
            case SINK_OSS:
                return readOss(r);
            case SINK_OTS:
                return readOts(r);
            case SINK_DATAHUB:
                return readDataHub(r);
            case SINK_HOLOGRES:
                return readHologres(r);
            case SOURCE_DTS:
                return readDts(r);
            default:
                throw new IllegalStateException("No config reader for " + type);
        }
    }

    /**
     * Parses a value that comes from the service, where a value this client does not know yet (a
     * newer service) must not fail the whole call: it reads as null.
     */
    static <E> E lenient(Function<String, E> parse, String value) {
        try {
            return parse.apply(value);
        } catch (InvalidParameterException unknown) {
            return null;
        }
    }

    private static ObjectNode write(ConnectorConfig config, boolean serviceForm) {
        Validation.notNull(config, "connector config");
        Writer w = new Writer(serviceForm);
        w.text("TimestampUnit", config.getTimestampUnit().wireValue());
        if (config instanceof OdpsConnectorConfig) {
            writeOdps(w, (OdpsConnectorConfig) config);
        } else if (config instanceof DatabaseConnectorConfig) {
            writeDatabase(w, (DatabaseConnectorConfig) config);
        } else if (config instanceof EsConnectorConfig) {
            writeEs(w, (EsConnectorConfig) config);
        } else if (config instanceof FcConnectorConfig) {
            writeFc(w, (FcConnectorConfig) config);
        } else if (config instanceof OssConnectorConfig) {
            writeOss(w, (OssConnectorConfig) config);
        } else if (config instanceof OtsConnectorConfig) {
            writeOts(w, (OtsConnectorConfig) config);
        } else if (config instanceof DataHubConnectorConfig) {
            writeDataHub(w, (DataHubConnectorConfig) config);
        } else if (config instanceof HologresConnectorConfig) {
            writeHologres(w, (HologresConnectorConfig) config);
        } else if (config instanceof DtsConnectorConfig) {
            writeDts(w, (DtsConnectorConfig) config);
        } else {
            throw new IllegalStateException("No config writer for " + config.getClass().getName());
        }
        return w.node;
    }

    // ---- per type: the key order follows what the Java SDK 2.21.6 sends ----

    private static void writeOdps(Writer w, OdpsConnectorConfig c) {
        w.text("Project", c.getProject());
        w.text("Table", c.getTable());
        w.text("OdpsEndpoint", c.getOdpsEndpoint());
        if (c.getTunnelEndpoint() != null && !c.getTunnelEndpoint().isEmpty()) {
            w.text("TunnelEndpoint", c.getTunnelEndpoint());
        }
        w.text("AccessId", c.getAccessId());
        w.secret("AccessKey", c.getAccessKey());
        w.text(
                "PartitionMode",
                c.getPartitionMode() == null ? null : c.getPartitionMode().wireValue());
        // Sent whenever set, as Python does (its documented update example sends them with
        // USER_DEFINE); the Java SDK drops them under USER_DEFINE. Dropping a value the caller set
        // would surprise.
        if (c.getTimeRange() > 0) {
            w.number("TimeRange", c.getTimeRange());
        }
        w.text("TimeZone", c.getTimeZone());
        w.partitionConfig(c.getPartitionConfig());
        w.text("SplitKey", c.getSplitKey());
        w.flag("Base64Encode", c.getBase64Encode());
        w.binaryParser(c.getBinaryParserConfig());
    }

    private static OdpsConnectorConfig readOdps(Reader r) {
        return r.common(OdpsConnectorConfig.builder())
                .project(r.text("Project"))
                .table(r.text("Table"))
                .odpsEndpoint(r.text("OdpsEndpoint"))
                .tunnelEndpoint(r.text("TunnelEndpoint"))
                .accessId(r.text("AccessId"))
                .accessKey(r.text("AccessKey"))
                .partitionMode(r.enumValue("PartitionMode", PartitionMode::fromWireValue))
                .timeRange(Json.intValue(r.node, "TimeRange", 0))
                .timeZone(r.text("TimeZone"))
                .partitionConfig(r.partitionConfig())
                .splitKey(r.text("SplitKey"))
                .base64Encode(r.optionalFlag("Base64Encode"))
                .binaryParserConfig(r.binaryParser())
                .build();
    }

    private static void writeDatabase(Writer w, DatabaseConnectorConfig c) {
        w.text("Host", c.getHost());
        if (c.getPort() > 0) {
            // A string in both forms: that is what the SDKs send.
            w.text("Port", Integer.toString(c.getPort()));
        }
        w.text("Database", c.getDatabase());
        w.text("Table", c.getTable());
        w.text("User", c.getUser());
        w.secret("Password", c.getPassword());
        w.flag("Ignore", c.isIgnore());
    }

    private static DatabaseConnectorConfig readDatabase(Reader r) {
        return r.common(DatabaseConnectorConfig.builder())
                .host(r.text("Host"))
                .port(Json.intValue(r.node, "Port", 0))
                .database(r.text("Database"))
                .table(r.text("Table"))
                .user(r.text("User"))
                .password(r.text("Password"))
                .ignore(Json.boolValue(r.node, "Ignore", true))
                .build();
    }

    private static void writeEs(Writer w, EsConnectorConfig c) {
        w.text("Index", c.getIndex());
        w.text("Endpoint", c.getEndpoint());
        w.text("User", c.getUser());
        w.secret("Password", c.getPassword());
        w.list("IDFields", c.getIdFields());
        w.list("TypeFields", c.getTypeFields());
        if (!c.getRouterFields().isEmpty()) {
            w.list("RouterFields", c.getRouterFields());
        }
        w.flag("ProxyMode", c.isProxyMode());
    }

    private static EsConnectorConfig readEs(Reader r) {
        return r.common(EsConnectorConfig.builder())
                .index(r.text("Index"))
                .endpoint(r.text("Endpoint"))
                .user(r.text("User"))
                .password(r.text("Password"))
                .idFields(r.list("IDFields"))
                .typeFields(r.list("TypeFields"))
                .routerFields(r.list("RouterFields"))
                .proxyMode(Json.boolValue(r.node, "ProxyMode", false))
                .build();
    }

    private static void writeFc(Writer w, FcConnectorConfig c) {
        w.text("Endpoint", c.getEndpoint());
        w.text("Service", c.getService());
        w.text("Function", c.getFunction());
        w.auth(c.getAuth());
        w.text("InvokeType", c.getInvokeType() == null ? null : c.getInvokeType().wireValue());
    }

    private static FcConnectorConfig readFc(Reader r) {
        return r.common(FcConnectorConfig.builder())
                .endpoint(r.text("Endpoint"))
                .service(r.text("Service"))
                .function(r.text("Function"))
                .auth(r.auth())
                .invokeType(r.enumValue("InvokeType", InvokeType::fromWireValue))
                .build();
    }

    private static void writeOss(Writer w, OssConnectorConfig c) {
        w.text("Endpoint", c.getEndpoint());
        w.text("Bucket", c.getBucket());
        w.text("Prefix", c.getPrefix());
        w.text("TimeFormat", c.getTimeFormat());
        if (c.getMaxFileSize() > 0) {
            w.number("MaxFileSize", c.getMaxFileSize());
        }
        if (c.getTimeRange() > 0) {
            w.number("TimeRange", c.getTimeRange());
        }
        w.auth(c.getAuth());
    }

    private static OssConnectorConfig readOss(Reader r) {
        return r.common(OssConnectorConfig.builder())
                .endpoint(r.text("Endpoint"))
                .bucket(r.text("Bucket"))
                .prefix(r.text("Prefix"))
                .timeFormat(r.text("TimeFormat"))
                .maxFileSize(Json.longValue(r.node, "MaxFileSize", 0))
                .timeRange(Json.intValue(r.node, "TimeRange", 0))
                .auth(r.auth())
                .build();
    }

    private static void writeOts(Writer w, OtsConnectorConfig c) {
        w.text("Endpoint", c.getEndpoint());
        w.text("InstanceName", c.getInstanceName());
        w.text("TableName", c.getTableName());
        w.text("WriteMode", c.getWriteMode().wireValue());
        w.auth(c.getAuth());
    }

    private static OtsConnectorConfig readOts(Reader r) {
        WriteMode mode = r.enumValue("WriteMode", WriteMode::fromWireValue);
        return r.common(OtsConnectorConfig.builder())
                .endpoint(r.text("Endpoint"))
                .instanceName(r.text("InstanceName"))
                .tableName(r.text("TableName"))
                .writeMode(mode == null ? WriteMode.PUT : mode)
                .auth(r.auth())
                .build();
    }

    private static void writeDataHub(Writer w, DataHubConnectorConfig c) {
        w.text("Endpoint", c.getEndpoint());
        w.text("Project", c.getProject());
        w.text("Topic", c.getTopic());
        w.auth(c.getAuth());
    }

    private static DataHubConnectorConfig readDataHub(Reader r) {
        return r.common(DataHubConnectorConfig.builder())
                .endpoint(r.text("Endpoint"))
                .project(r.text("Project"))
                .topic(r.text("Topic"))
                .auth(r.auth())
                .build();
    }

    private static void writeHologres(Writer w, HologresConnectorConfig c) {
        w.text("Endpoint", c.getEndpoint());
        w.text("Project", c.getProject());
        w.text("Topic", c.getTopic());
        w.text("InstanceId", c.getInstanceId());
        w.auth(c.getAuth());
        w.binaryParser(c.getBinaryParserConfig());
        w.flag("SkipDirtyPack", c.getSkipDirtyPack());
    }

    private static HologresConnectorConfig readHologres(Reader r) {
        return r.common(HologresConnectorConfig.builder())
                .endpoint(r.text("Endpoint"))
                .project(r.text("Project"))
                .topic(r.text("Topic"))
                .instanceId(r.text("InstanceId"))
                .auth(r.auth())
                .binaryParserConfig(r.binaryParser())
                .skipDirtyPack(r.optionalFlag("SkipDirtyPack"))
                .build();
    }

    private static void writeDts(Writer w, DtsConnectorConfig c) {
        w.text("Endpoint", c.getEndpoint());
        w.text("Topic", c.getTopic());
        w.text("SubId", c.getSubId());
        w.text("User", c.getUser());
        w.secret("Password", c.getPassword());
        w.list("IDFields", c.getIdFields());
    }

    private static DtsConnectorConfig readDts(Reader r) {
        return r.common(DtsConnectorConfig.builder())
                .endpoint(r.text("Endpoint"))
                .topic(r.text("Topic"))
                .subId(r.text("SubId"))
                .user(r.text("User"))
                .password(r.text("Password"))
                .idFields(r.list("IDFields"))
                .build();
    }

    /** Writes one config in request form or service form; nulls are left out in both. */
    private static final class Writer {
        private final ObjectNode node = Json.object();
        private final boolean serviceForm;

        Writer(boolean serviceForm) {
            this.serviceForm = serviceForm;
        }

        void text(String key, String value) {
            if (value != null) {
                node.put(key, value);
            }
        }

        /** Access keys and passwords: sent by clients, never returned by the service. */
        void secret(String key, String value) {
            if (!serviceForm) {
                text(key, value);
            }
        }

        void number(String key, long value) {
            if (serviceForm) {
                node.put(key, Long.toString(value));
            } else {
                node.put(key, value);
            }
        }

        /** Booleans are the strings "true"/"false" in both forms. */
        void flag(String key, Boolean value) {
            if (value != null) {
                node.put(key, value.toString());
            }
        }

        void list(String key, List<String> values) {
            json(key, Json.stringArray(values));
        }

        void json(String key, JsonNode value) {
            if (serviceForm) {
                node.put(key, value.toString());
            } else {
                node.set(key, value);
            }
        }

        /**
         * Request form: {@code {"ds":"%Y%m%d"}}; service form: {@code
         * "[{\"key\":\"ds\",\"value\":\"%Y%m%d\"}]"}.
         */
        void partitionConfig(Map<String, String> partitionConfig) {
            if (partitionConfig.isEmpty()) {
                return;
            }
            if (serviceForm) {
                ArrayNode pairs = Json.array();
                partitionConfig.forEach((k, v) -> pairs.addObject().put("key", k).put("value", v));
                json("PartitionConfig", pairs);
            } else {
                json("PartitionConfig", Json.stringObject(partitionConfig));
            }
        }

        void binaryParser(BinaryParserConfig c) {
            if (c == null) {
                return;
            }
            ObjectNode o = Json.object();
            if (c.getParserType() != null) {
                o.put("BinaryParserType", c.getParserType().wireValue());
            }
            o.set("ColumnNames", Json.stringArray(c.getColumnNames()));
            o.put("ParseData", c.isParseData());
            putIfSet(o, "LineDelimiter", c.getLineDelimiter());
            putIfSet(o, "ColumnDelimiter", c.getColumnDelimiter());
            putIfSet(o, "NullValue", c.getNullValue());
            json("BinaryParserConfig", o);
        }

        void auth(ConnectorAuth auth) {
            if (auth == null) {
                return;
            }
            text("AuthMode", auth.getMode().wireValue());
            if (auth.getMode() == AuthMode.AK) {
                text("AccessId", auth.getAccessId());
                secret("AccessKey", auth.getAccessKey());
            }
        }

        private static void putIfSet(ObjectNode o, String key, String value) {
            if (value != null) {
                o.put(key, value);
            }
        }
    }

    /**
     * Reads members of either form: strings or typed values, lists and maps inline or as JSON text.
     */
    private static final class Reader {
        private final JsonNode node;

        Reader(JsonNode config) {
            JsonNode n = config == null || config.isNull() ? Json.object() : config;
            // Tolerate a config sent as one JSON string.
            this.node = n.isTextual() ? embedded("Config", n.asText()) : n;
        }

        <B extends ConnectorConfig.Builder<B>> B common(B builder) {
            TimestampUnit unit = enumValue("TimestampUnit", TimestampUnit::fromWireValue);
            return unit == null ? builder : builder.timestampUnit(unit);
        }

        String text(String key) {
            return Json.text(node, key);
        }

        /** An enum value; null when absent or not known to this client. */
        <E> E enumValue(String key, Function<String, E> parse) {
            return lenient(parse, text(key));
        }

        Boolean optionalFlag(String key) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? null : Json.boolValue(node, key, false);
        }

        List<String> list(String key) {
            JsonNode v = structured(key);
            List<String> out = new ArrayList<>();
            if (v != null && v.isArray()) {
                v.forEach(e -> out.add(e.asText()));
            }
            return out;
        }

        /**
         * Object form (column to format) or the service's list of {@code {"key","value"}} pairs.
         */
        Map<String, String> partitionConfig() {
            JsonNode v = structured("PartitionConfig");
            Map<String, String> out = new LinkedHashMap<>();
            if (v == null) {
                return out;
            }
            if (v.isObject()) {
                v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            } else if (v.isArray()) {
                for (JsonNode pair : v) {
                    String k = Json.text(pair, "key");
                    if (k != null) {
                        out.put(k, Json.text(pair, "value", ""));
                    }
                }
            }
            return out;
        }

        BinaryParserConfig binaryParser() {
            JsonNode v = structured("BinaryParserConfig");
            if (v == null || !v.isObject()) {
                return null;
            }
            BinaryParserType type =
                    lenient(BinaryParserType::fromWireValue, Json.text(v, "BinaryParserType"));
            List<String> columns = new ArrayList<>();
            JsonNode names = v.get("ColumnNames");
            if (names != null && names.isTextual()) {
                names = embedded("BinaryParserConfig.ColumnNames", names.asText());
            }
            if (names != null && names.isArray()) {
                names.forEach(e -> columns.add(e.asText()));
            }
            return BinaryParserConfig.builder()
                    .parserType(type)
                    .columnNames(columns)
                    .parseData(Json.boolValue(v, "ParseData", false))
                    .lineDelimiter(Json.text(v, "LineDelimiter"))
                    .columnDelimiter(Json.text(v, "ColumnDelimiter"))
                    .nullValue(Json.text(v, "NullValue"))
                    .build();
        }

        ConnectorAuth auth() {
            AuthMode mode = enumValue("AuthMode", AuthMode::fromWireValue);
            String accessId = text("AccessId");
            if (mode == AuthMode.STS) {
                return ConnectorAuth.sts();
            }
            if (mode == AuthMode.AK || accessId != null) {
                return ConnectorAuth.ak(accessId, text("AccessKey"));
            }
            return null;
        }

        /** A list or map member, inline or as JSON text; null when absent or blank. */
        private JsonNode structured(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isTextual()) {
                String s = v.asText().trim();
                return s.isEmpty() ? null : embedded(key, s);
            }
            return v;
        }

        private static JsonNode embedded(String key, String text) {
            try {
                return Json.MAPPER.readTree(text);
            } catch (IOException e) {
                throw new CorruptedResponseException(
                        "Connector config member \"" + key + "\" is not valid JSON text: " + text,
                        e);
            }
        }
    }
}
