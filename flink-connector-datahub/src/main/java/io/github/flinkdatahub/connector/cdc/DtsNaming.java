package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

import static org.apache.flink.configuration.description.TextElement.text;

/** Which of DTS's two field namings a topic uses ({@code cdc.dts.naming}). */
@PublicEvolving
public enum DtsNaming implements DescribedEnum {
    AUTO("auto", "Detected from the topic's fields."),
    NEW(
            "new",
            "Bookkeeping fields new_dts_sync_dts_record_id, ..., new_dts_sync_dts_after_flag;"
                    + " data fields keep their names."),
    PREVIOUS(
            "previous",
            "Bookkeeping fields dts_record_id, ..., dts_after_flag; data fields are prefixed dts_"
                    + " (column id is field dts_id).");

    private final String value;
    private final String description;

    DtsNaming(String value, String description) {
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
