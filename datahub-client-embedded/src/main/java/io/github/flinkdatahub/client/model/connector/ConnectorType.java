package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Locale;

/**
 * Where a connector delivers a topic's data (or, for {@link #SOURCE_DTS}, where it reads from). The
 * service uses the lower-case form ({@code sink_odps}) in URLs and responses.
 */
@PublicEvolving
public enum ConnectorType {
    SINK_ODPS,
    SINK_ADS,
    SINK_ES,
    SINK_FC,
    SINK_MYSQL,
    SINK_OSS,
    SINK_OTS,
    SINK_HOLOGRES,
    SINK_DATAHUB,
    SOURCE_DTS;

    /** The lower-case form used in URLs and get responses, e.g. {@code sink_odps}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts {@code sink_odps} as well as {@code SINK_ODPS}; null for null. */
    public static ConnectorType fromWireValue(String value) {
        return WireValues.parse(values(), ConnectorType::wireValue, value, "connector type");
    }
}
