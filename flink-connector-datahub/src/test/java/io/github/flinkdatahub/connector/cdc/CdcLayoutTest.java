package io.github.flinkdatahub.connector.cdc;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CdcLayoutTest {

    @Test
    void eachServicesFieldNamesAreDetectedAsTheirLayout() {
        assertThat(CdcLayout.detect(ChangeRecordWriter.DTS_NEW.schema()))
                .contains(CdcLayout.DTS_NEW);
        assertThat(CdcLayout.detect(ChangeRecordWriter.DTS_PREVIOUS.schema()))
                .contains(CdcLayout.DTS_PREVIOUS);
        assertThat(CdcLayout.detect(ChangeRecordWriter.DATAWORKS.schema()))
                .contains(CdcLayout.DATAWORKS);
        RecordSchema olderDataWorks =
                RecordSchema.fromLists(
                        List.of(
                                "_log_file_name_offset_",
                                "_operation_type_",
                                "_execute_time_",
                                "_before_image_",
                                "_after_image_",
                                "id"),
                        List.of(
                                FieldType.STRING,
                                FieldType.STRING,
                                FieldType.BIGINT,
                                FieldType.STRING,
                                FieldType.STRING,
                                FieldType.BIGINT));
        assertThat(CdcLayout.detect(olderDataWorks)).contains(CdcLayout.DATAWORKS_LOG_OFFSET);
        assertThat(CdcLayout.resolve(CdcFormat.DATAWORKS, DtsNaming.AUTO, olderDataWorks, "p.t"))
                .isEqualTo(CdcLayout.DATAWORKS_LOG_OFFSET);
    }

    @Test
    void aTopicWithoutTheBookkeepingFieldsMatchesNoLayout() {
        RecordSchema plain =
                RecordSchema.fromLists(
                        List.of("id", "dts_record_id"),
                        List.of(FieldType.BIGINT, FieldType.STRING));
        assertThat(CdcLayout.detect(plain)).isEmpty();
    }

    @Test
    void autoNamingFindsThePreviousNamingAndAnExplicitNamingMustMatch() {
        RecordSchema previous = ChangeRecordWriter.DTS_PREVIOUS.schema();
        assertThat(CdcLayout.resolve(CdcFormat.DTS, DtsNaming.AUTO, previous, "p.t"))
                .isEqualTo(CdcLayout.DTS_PREVIOUS);
        assertThatThrownBy(() -> CdcLayout.resolve(CdcFormat.DTS, DtsNaming.NEW, previous, "p.t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p.t")
                .hasMessageContaining("new_dts_sync_dts_record_id")
                .hasMessageContaining("cdc.dts.naming");
        assertThatThrownBy(
                        () ->
                                CdcLayout.resolve(
                                        CdcFormat.DATAWORKS, DtsNaming.AUTO, previous, "p.t"))
                .hasMessageContaining("_operation_type_");
    }

    @Test
    void previousNamingPrefixesDataFieldsWithDts() {
        CdcLayout l = CdcLayout.DTS_PREVIOUS;
        assertThat(l.fieldOf("id")).isEqualTo("dts_id");
        assertThat(l.columnOf("dts_id")).contains("id");
        assertThat(l.columnOf("DTS_AMOUNT")).contains("AMOUNT");
        assertThat(l.columnOf("dts_record_id")).isEmpty();
        assertThat(
                        l.dataFields(ChangeRecordWriter.DTS_PREVIOUS.schema()).stream()
                                .map(Field::getName)
                                .collect(Collectors.toList()))
                .containsExactly("dts_id", "dts_grp", "dts_amount");
        assertThat(
                        CdcLayout.DTS_NEW.dataFields(ChangeRecordWriter.DTS_NEW.schema()).stream()
                                .map(Field::getName)
                                .collect(Collectors.toList()))
                .containsExactly("id", "grp", "amount");
    }
}
