package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

import static org.apache.flink.configuration.description.TextElement.text;

/** The change-record layout of a topic written by a replication service ({@code cdc.format}). */
@PublicEvolving
public enum CdcFormat implements DescribedEnum {
    NONE("none", "Records are plain inserts (as without the option)."),
    DTS(
            "dts",
            "Data Transmission Service: bookkeeping fields new_dts_sync_dts_* (new naming) or"
                    + " dts_* with data fields prefixed dts_ (previous naming); see cdc.dts.naming."),
    DATAWORKS(
            "dataworks",
            "DataWorks real-time sync: bookkeeping fields _sequence_id_ (or"
                    + " _log_file_name_offset_), _operation_type_, _execute_time_, _before_image_,"
                    + " _after_image_.");

    private final String value;
    private final String description;

    CdcFormat(String value, String description) {
        this.value = value;
        this.description = description;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
