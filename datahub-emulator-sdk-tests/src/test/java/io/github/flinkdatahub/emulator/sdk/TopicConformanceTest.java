package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.ResourceAlreadyExistException;
import com.aliyun.datahub.client.exception.ResourceNotFoundException;
import com.aliyun.datahub.client.model.ExpandMode;
import com.aliyun.datahub.client.model.Field;
import com.aliyun.datahub.client.model.FieldType;
import com.aliyun.datahub.client.model.GetTopicResult;
import com.aliyun.datahub.client.model.GetTopicSchemaResult;
import com.aliyun.datahub.client.model.ListTopicSchemaResult;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.RecordSchemaInfo;
import com.aliyun.datahub.client.model.RecordType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.stream.Collectors;

import static io.github.flinkdatahub.emulator.sdk.ProjectConformanceTest.assertServiceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Topics through the official SDK: tuple and blob topics, schema, list, update, delete, append
 * field, schema registry.
 */
@ExtendWith(SharedEmulatorExtension.class)
class TopicConformanceTest {
    private static final String PROJECT = "sdk_topics";
    private static Sdk sdk;
    private static DatahubClient client;

    @BeforeAll
    static void createProject(Sdk shared) {
        sdk = shared;
        client = sdk.client();
        client.createProject(PROJECT, "topic conformance");
    }

    @Test
    void tupleTopicIsReadBackWithEveryFieldTypeNullabilityAndComment() {
        RecordSchema schema = Schemas.allTypes();
        long before = sdk.dataClockMillis() / 1000;
        client.createTopic(PROJECT, "Tuple_All", 3, 2, RecordType.TUPLE, schema, "all types");
        long after = sdk.dataClockMillis() / 1000;

        GetTopicResult topic = client.getTopic(PROJECT, "tuple_all");
        assertThat(topic.getRecordType()).isEqualTo(RecordType.TUPLE);
        assertThat(topic.getShardCount()).isEqualTo(3);
        assertThat(topic.getLifeCycle()).isEqualTo(2);
        assertThat(topic.getComment()).isEqualTo("all types");
        assertThat(topic.getExpandMode()).isEqualTo(ExpandMode.SPLIT_EXTEND);
        assertThat(topic.getCreateTime()).isBetween(before, after);
        assertThat(topic.getLastModifyTime()).isGreaterThanOrEqualTo(topic.getCreateTime());
        assertThat(topic.getCreator()).isNotBlank();
        assertSameSchema(topic.getRecordSchema(), schema);
    }

    @Test
    void blobTopicHasNoSchema() {
        client.createTopic(PROJECT, "blob_plain", 1, 1, RecordType.BLOB, "blob");
        GetTopicResult topic = client.getTopic(PROJECT, "blob_plain");
        assertThat(topic.getRecordType()).isEqualTo(RecordType.BLOB);
        assertThat(topic.getRecordSchema()).isNull();
        assertThat(topic.getShardCount()).isEqualTo(1);
        assertThat(topic.getComment()).isEqualTo("blob");
    }

    @Test
    void expandModeIsKeptAndReadBack() {
        client.createTopic(
                PROJECT, "only_extend", 1, 1, RecordType.BLOB, "e", ExpandMode.ONLY_EXTEND);
        client.createTopic(
                PROJECT,
                "only_split",
                1,
                1,
                RecordType.TUPLE,
                Schemas.allTypes(),
                "s",
                ExpandMode.ONLY_SPLIT);
        assertThat(client.getTopic(PROJECT, "only_extend").getExpandMode())
                .isEqualTo(ExpandMode.ONLY_EXTEND);
        assertThat(client.getTopic(PROJECT, "only_split").getExpandMode())
                .isEqualTo(ExpandMode.ONLY_SPLIT);
    }

    @Test
    void listReturnsTopicsOfTheProjectAndFilters() {
        client.createProject("sdk_topic_list", "list");
        client.createTopic("sdk_topic_list", "first_t", 1, 1, RecordType.BLOB, "1");
        client.createTopic("sdk_topic_list", "second_t", 1, 1, RecordType.BLOB, "2");
        assertThat(client.listTopic("sdk_topic_list").getTopicNames())
                .containsExactlyInAnyOrder("first_t", "second_t");
        assertThat(client.listTopic("sdk_topic_list", "secon").getTopicNames())
                .containsExactly("second_t");
    }

    @Test
    void updateChangesCommentAndLifecycle() {
        client.createTopic(PROJECT, "updated_t", 1, 1, RecordType.BLOB, "before");
        client.updateTopic(PROJECT, "updated_t", "after");
        assertThat(client.getTopic(PROJECT, "updated_t").getComment()).isEqualTo("after");
        assertThat(client.getTopic(PROJECT, "updated_t").getLifeCycle()).isEqualTo(1);

        client.updateTopic(PROJECT, "updated_t", 5, "again");
        GetTopicResult topic = client.getTopic(PROJECT, "updated_t");
        assertThat(topic.getLifeCycle()).isEqualTo(5);
        assertThat(topic.getComment()).isEqualTo("again");
    }

    @Test
    void creatingAnExistingTopicThrowsResourceAlreadyExist() {
        client.createTopic(PROJECT, "twice_t", 1, 1, RecordType.BLOB, "1");
        ResourceAlreadyExistException e =
                catchThrowableOfType(
                        ResourceAlreadyExistException.class,
                        () -> client.createTopic(PROJECT, "TWICE_T", 1, 1, RecordType.BLOB, "2"));
        assertServiceError(e, "TopicAlreadyExist", 409);
        assertThat(e.getErrorMessage()).isEqualTo("The specified topic already exists.");
    }

    @Test
    void unknownTopicOrProjectThrowsResourceNotFound() {
        ResourceNotFoundException e =
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.getTopic(PROJECT, "no_such_topic"));
        assertServiceError(e, "NoSuchTopic", 404);
        assertThat(e.getErrorMessage()).isEqualTo("The specified topic name does not exist.");

        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.getTopic("sdk_no_such_proj", "t")),
                "NoSuchProject",
                404);
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () ->
                                client.createTopic(
                                        "sdk_no_such_proj", "t", 1, 1, RecordType.BLOB, "c")),
                "NoSuchProject",
                404);
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.deleteTopic(PROJECT, "no_such_topic")),
                "NoSuchTopic",
                404);
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.updateTopic(PROJECT, "no_such_topic", "c")),
                "NoSuchTopic",
                404);
    }

    @Test
    void deletedTopicIsGone() {
        client.createTopic(PROJECT, "deleted_t", 2, 1, RecordType.TUPLE, Schemas.allTypes(), "d");
        client.deleteTopic(PROJECT, "deleted_t");
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.getTopic(PROJECT, "deleted_t")),
                "NoSuchTopic",
                404);
        assertThat(client.listTopic(PROJECT).getTopicNames()).doesNotContain("deleted_t");
    }

    @Test
    void appendFieldAddsOneNullableFieldAtTheEnd() {
        client.createTopic(PROJECT, "append_one", 1, 1, RecordType.TUPLE, Schemas.allTypes(), "a");
        client.appendField(PROJECT, "append_one", new Field("f_extra", FieldType.STRING));

        List<Field> fields = client.getTopic(PROJECT, "append_one").getRecordSchema().getFields();
        assertThat(fields).hasSize(11);
        assertThat(fields.get(10).getName()).isEqualTo("f_extra");
        assertThat(fields.get(10).getType()).isEqualTo(FieldType.STRING);
        assertThat(fields.get(10).isAllowNull()).isTrue();
    }

    @Test
    void appendFieldWithSeveralFieldsAddsThemInOrderWithComments() {
        client.createTopic(PROJECT, "append_many", 1, 1, RecordType.TUPLE, Schemas.allTypes(), "a");
        client.appendField(
                PROJECT,
                "append_many",
                List.of(
                        new Field("f_x", FieldType.BIGINT, true, "x comment"),
                        new Field("f_y", FieldType.DECIMAL)));

        List<Field> fields = client.getTopic(PROJECT, "append_many").getRecordSchema().getFields();
        assertThat(fields).hasSize(12);
        assertThat(fields.get(10).getName()).isEqualTo("f_x");
        assertThat(fields.get(10).getType()).isEqualTo(FieldType.BIGINT);
        assertThat(fields.get(10).getComment()).isEqualTo("x comment");
        assertThat(fields.get(11).getName()).isEqualTo("f_y");
        assertThat(fields.get(11).getType()).isEqualTo(FieldType.DECIMAL);
    }

    @Test
    void schemaRegistryListsRegistersGetsAndDeletesVersions() {
        RecordSchema original = Schemas.allTypes();
        client.createTopic(PROJECT, "registry_t", 1, 1, RecordType.TUPLE, original, "r");

        ListTopicSchemaResult initial = client.listTopicSchema(PROJECT, "registry_t");
        assertThat(initial.getRecordSchemaInfoList())
                .extracting(RecordSchemaInfo::getVersionId)
                .containsExactly(0L);
        assertSameSchema(initial.getRecordSchemaInfoList().get(0).getRecordSchema(), original);

        RecordSchema second = Schemas.allTypes();
        second.addField(new Field("f_new", FieldType.STRING));
        int version = client.registerTopicSchema(PROJECT, "registry_t", second).getVersionId();
        assertThat(version).isEqualTo(1);

        GetTopicSchemaResult byVersion = client.getTopicSchema(PROJECT, "registry_t", version);
        assertThat(byVersion.getVersionId()).isEqualTo(version);
        assertSameSchema(byVersion.getRecordSchema(), second);
        assertThat(client.getTopicSchema(PROJECT, "registry_t", second).getVersionId())
                .isEqualTo(version);
        assertThat(client.getTopicSchema(PROJECT, "registry_t", original).getVersionId()).isZero();

        ListTopicSchemaResult paged = client.listTopicSchema(PROJECT, "registry_t", 1, 10);
        assertThat(paged.getTotalCount()).isEqualTo(2);
        assertThat(paged.getRecordSchemaInfoList())
                .extracting(RecordSchemaInfo::getVersionId)
                .containsExactlyInAnyOrder(0L, 1L);

        client.deleteTopicSchema(PROJECT, "registry_t", version);
        assertThat(client.listTopicSchema(PROJECT, "registry_t").getRecordSchemaInfoList())
                .extracting(RecordSchemaInfo::getVersionId)
                .containsExactly(0L);
    }

    static void assertSameSchema(RecordSchema actual, RecordSchema expected) {
        assertThat(actual).isNotNull();
        assertThat(describe(actual)).isEqualTo(describe(expected));
    }

    private static List<String> describe(RecordSchema schema) {
        return schema.getFields().stream()
                .map(
                        f ->
                                f.getName()
                                        + " "
                                        + f.getType()
                                        + (f.isAllowNull() ? "" : " NOT NULL")
                                        + " '"
                                        + (f.getComment() == null ? "" : f.getComment())
                                        + "'")
                .collect(Collectors.toList());
    }
}
