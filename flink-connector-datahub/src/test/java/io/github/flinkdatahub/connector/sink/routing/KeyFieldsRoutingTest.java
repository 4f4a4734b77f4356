package io.github.flinkdatahub.connector.sink.routing;

import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Routing by key fields: the hash key each record gets, and where it lands as shards split and
 * merge.
 */
class KeyFieldsRoutingTest {
    private static final String PROJECT = "p";
    private static final String TOPIC = "t";
    private static final RecordSchema SCHEMA =
            RecordSchema.fromLists(
                    List.of("id", "name", "amount"),
                    List.of(FieldType.BIGINT, FieldType.STRING, FieldType.DOUBLE));

    private final FakeDataHubClient fake = new FakeDataHubClient(PROJECT, TOPIC).withShards(2);
    private final ShardTable table =
            new ShardTable(fake.client(), PROJECT, TOPIC, Duration.ofDays(1), 0);

    private RecordRouter open(RecordSchema schema, String... fields) {
        table.refresh();
        return DataHubRouting.byKeyFields(fields)
                .open(new RoutingContext(PROJECT, TOPIC, schema, table));
    }

    private static String hashKeyOf(RecordRouter router, Object... values) {
        return router.prepare(TupleRecord.of(SCHEMA, values)).getHashKey();
    }

    @Test
    void eachRecordGetsTheHashKeyOfItsKeyFieldsTextAndTheServiceRoutesIt() {
        RecordRouter router = open(SCHEMA, "name", "id");

        Record prepared = router.prepare(TupleRecord.of(SCHEMA, 42L, "alice", 1.5));

        assertThat(router.routedByService()).isTrue();
        assertThat(prepared.getHashKey()).isEqualTo(HashKeys.of(List.of("alice", "42")));
        assertThat(((TupleRecord) prepared).getValues())
                .as("values untouched")
                .containsExactly(42L, "alice", 1.5);
        assertThat(hashKeyOf(router, 42L, "alice", 99.0))
                .as("fields outside the key do not count")
                .isEqualTo(prepared.getHashKey());
        assertThat(hashKeyOf(router, 43L, "alice", 1.5)).isNotEqualTo(prepared.getHashKey());
    }

    @Test
    void oneKeyFieldHashesLikeAPartitionKeyOfItsText() {
        RecordRouter router = open(SCHEMA, "id");

        assertThat(hashKeyOf(router, 42L, "alice", 1.5)).isEqualTo(HashKeys.md5Hex("42"));
    }

    @Test
    void nullKeyFieldHashesApartFromTheEmptyString() {
        RecordRouter router = open(SCHEMA, "name");

        String ofNull = hashKeyOf(router, 1L, null, 1.0);

        assertThat(ofNull).isEqualTo(HashKeys.of(Arrays.asList((String) null)));
        assertThat(ofNull).isNotEqualTo(hashKeyOf(router, 1L, "", 1.0));
        assertThat(hashKeyOf(router, 2L, null, 2.0))
                .as("every null lands together")
                .isEqualTo(ofNull);
    }

    @Test
    void fieldNamesIgnoreCase() {
        assertThat(hashKeyOf(open(SCHEMA, "NAME"), 1L, "bob", 1.0))
                .isEqualTo(hashKeyOf(open(SCHEMA, "name"), 1L, "bob", 1.0));
    }

    @Test
    void unknownKeyFieldFailsAtOpenNamingTheTopicsFields() {
        assertThatThrownBy(() -> open(SCHEMA, "id", "customer"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Key field 'customer' is not a field of DataHub topic p/t; its fields are [id, name,"
                                + " amount]");
    }

    @Test
    void blobTopicFailsAtOpenPointingToThePartitionKey() {
        assertThatThrownBy(() -> open(null, "id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a tuple topic, but DataHub topic p/t is a blob topic")
                .hasMessageContaining("withPartitionKey");
    }

    @Test
    void emptyOrBlankKeyFieldListsAreRejected() {
        assertThatThrownBy(() -> DataHubRouting.byKeyFields())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Key routing needs at least one field");
        assertThatThrownBy(() -> DataHubRouting.byKeyFields("id", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Key field names must not be empty");
    }

    @Test
    void keyKeepsItsHashKeyAcrossASplitAndLandsOnTheChildHoldingIt() {
        RecordRouter router = open(SCHEMA, "id");
        String key = hashKeyOf(router, 7L, "x", 0.0);
        assertThat(key).as("MD5 of \"7\"").isEqualTo("8F14E45FCEEA167A5A36DEDD4BEA2543");
        assertThat(table.openShardHolding(key).getShardId()).as("[80..00, FF..FF]").isEqualTo("1");

        fake.split("1"); // 2 = [80..00, BF..FF), 3 = [BF..FF, FF..FF]
        table.markStale();
        table.refreshIfDue();

        assertThat(hashKeyOf(router, 7L, "x", 0.0))
                .as("the key does not depend on the shards")
                .isEqualTo(key);
        assertThat(table.openShardHolding(key).getShardId()).isEqualTo("2");
    }
}
