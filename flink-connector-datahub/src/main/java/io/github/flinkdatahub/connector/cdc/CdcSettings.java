package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.annotation.Internal;
import org.apache.flink.util.Preconditions;

import io.github.flinkdatahub.client.model.RecordSchema;

import java.io.Serializable;

/** A table's change-record options: {@code cdc.format}, {@code cdc.dts.naming}, errors. */
@Internal
public final class CdcSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final CdcFormat format;
    private final DtsNaming naming;
    private final boolean ignoreParseErrors;

    public CdcSettings(CdcFormat format, DtsNaming naming, boolean ignoreParseErrors) {
        Preconditions.checkArgument(format != CdcFormat.NONE, "No change-record format");
        this.format = format;
        this.naming = naming;
        this.ignoreParseErrors = ignoreParseErrors;
    }

    public CdcFormat format() {
        return format;
    }

    public DtsNaming naming() {
        return naming;
    }

    public boolean ignoreParseErrors() {
        return ignoreParseErrors;
    }

    /** The layout of these settings the topic's fields match; fails naming missing fields. */
    public CdcLayout layoutOf(RecordSchema schema, String topicPath) {
        return CdcLayout.resolve(format, naming, schema, topicPath);
    }

    @Override
    public String toString() {
        return "cdc.format="
                + format
                + (format == CdcFormat.DTS ? ", cdc.dts.naming=" + naming : "");
    }
}
