package io.github.flinkdatahub.emulator.connectors;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.connector.AuthMode;
import io.github.flinkdatahub.client.model.connector.ConnectorAuth;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.DataHubConnectorConfig;
import io.github.flinkdatahub.client.model.connector.DatabaseConnectorConfig;
import io.github.flinkdatahub.client.model.connector.DtsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.EsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.FcConnectorConfig;
import io.github.flinkdatahub.client.model.connector.HologresConnectorConfig;
import io.github.flinkdatahub.client.model.connector.OdpsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.OssConnectorConfig;
import io.github.flinkdatahub.client.model.connector.OtsConnectorConfig;
import io.github.flinkdatahub.client.model.connector.PartitionMode;

/**
 * Whether a connector config is complete enough for its type; the error names the first missing key
 * as it appears in the {@code Config} object. The keys demanded are the ones without which the
 * target cannot be reached or written (what the SDKs' config constructors require).
 */
public final class ConnectorConfigCheck {
    private ConnectorConfigCheck() {}

    public static void check(ConnectorType type, ConnectorConfig c) {
        String t = type.wireValue();
        switch (type) {
            case SINK_ODPS:
                {
                    OdpsConnectorConfig o = (OdpsConnectorConfig) c;
                    need(t, "Project", o.getProject());
                    need(t, "Table", o.getTable());
                    need(t, "OdpsEndpoint", o.getOdpsEndpoint());
                    need(t, "AccessId", o.getAccessId());
                    need(t, "AccessKey", o.getAccessKey());
                    if (o.getPartitionMode() != null
                            && o.getPartitionMode() != PartitionMode.USER_DEFINE) {
                        if (o.getTimeRange() <= 0) {
                            missing(
                                    t,
                                    "TimeRange",
                                    " (minutes, > 0) with PartitionMode "
                                            + o.getPartitionMode().wireValue());
                        }
                        if (o.getPartitionConfig().isEmpty()) {
                            missing(
                                    t,
                                    "PartitionConfig",
                                    " with PartitionMode " + o.getPartitionMode().wireValue());
                        }
                    }
                    return;
                }
            case SINK_ADS:
            case SINK_MYSQL:
                {
                    DatabaseConnectorConfig d = (DatabaseConnectorConfig) c;
                    need(t, "Host", d.getHost());
                    if (d.getPort() <= 0) {
                        missing(t, "Port", "");
                    }
                    need(t, "Database", d.getDatabase());
                    need(t, "Table", d.getTable());
                    need(t, "User", d.getUser());
                    need(t, "Password", d.getPassword());
                    return;
                }
            case SINK_ES:
                {
                    EsConnectorConfig e = (EsConnectorConfig) c;
                    need(t, "Index", e.getIndex());
                    need(t, "Endpoint", e.getEndpoint());
                    need(t, "User", e.getUser());
                    need(t, "Password", e.getPassword());
                    return;
                }
            case SINK_FC:
                {
                    FcConnectorConfig f = (FcConnectorConfig) c;
                    need(t, "Endpoint", f.getEndpoint());
                    need(t, "Service", f.getService());
                    need(t, "Function", f.getFunction());
                    auth(t, f.getAuth(), true);
                    return;
                }
            case SINK_OSS:
                {
                    OssConnectorConfig o = (OssConnectorConfig) c;
                    need(t, "Endpoint", o.getEndpoint());
                    need(t, "Bucket", o.getBucket());
                    need(t, "Prefix", o.getPrefix());
                    need(t, "TimeFormat", o.getTimeFormat());
                    if (o.getTimeRange() <= 0) {
                        missing(t, "TimeRange", " (minutes, > 0)");
                    }
                    auth(t, o.getAuth(), true);
                    return;
                }
            case SINK_OTS:
                {
                    OtsConnectorConfig o = (OtsConnectorConfig) c;
                    need(t, "Endpoint", o.getEndpoint());
                    need(t, "InstanceName", o.getInstanceName());
                    need(t, "TableName", o.getTableName());
                    auth(t, o.getAuth(), true);
                    return;
                }
            case SINK_HOLOGRES:
                {
                    HologresConnectorConfig h = (HologresConnectorConfig) c;
                    need(t, "Endpoint", h.getEndpoint());
                    need(t, "Project", h.getProject());
                    need(t, "Topic", h.getTopic());
                    need(t, "InstanceId", h.getInstanceId());
                    auth(t, h.getAuth(), true);
                    return;
                }
            case SINK_DATAHUB:
                {
                    DataHubConnectorConfig d = (DataHubConnectorConfig) c;
                    need(t, "Endpoint", d.getEndpoint());
                    need(t, "Project", d.getProject());
                    need(t, "Topic", d.getTopic());
                    // Without AuthMode the emulator signs in like sts: with its internal account.
                    auth(t, d.getAuth(), false);
                    return;
                }
            case SOURCE_DTS:
                {
                    DtsConnectorConfig d = (DtsConnectorConfig) c;
                    need(t, "Endpoint", d.getEndpoint());
                    need(t, "Topic", d.getTopic());
                    need(t, "SubId", d.getSubId());
                    need(t, "User", d.getUser());
                    need(t, "Password", d.getPassword());
                    return;
                }
            default:
                throw new IllegalStateException("No config check for " + type);
        }
    }

    private static void auth(String type, ConnectorAuth auth, boolean required) {
        if (auth == null) {
            if (required) {
                missing(type, "AuthMode", " (ak or sts)");
            }
            return;
        }
        if (auth.getMode() == AuthMode.AK) {
            need(type, "AccessId", auth.getAccessId());
            need(type, "AccessKey", auth.getAccessKey());
        }
    }

    private static void need(String type, String key, String value) {
        if (value == null || value.trim().isEmpty()) {
            missing(type, key, "");
        }
    }

    private static void missing(String type, String key, String detail) {
        throw ErrorCode.INVALID_PARAMETER.exception(
                "The " + type + " connector config needs \"" + key + "\"" + detail + ".");
    }
}
