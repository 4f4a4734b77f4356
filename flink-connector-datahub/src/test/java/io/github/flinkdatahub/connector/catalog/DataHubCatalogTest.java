package io.github.flinkdatahub.connector.catalog;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunctionImpl;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.TableChange;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog API against the emulator over HTTP. */
class DataHubCatalogTest {
    private static final String ACCESS_ID = "catalog_user";

    /** Distinctive, so any leak into messages or options is found by a plain substring search. */
    private static final String ACCESS_KEY = "Kq7-catalog-access-key";

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB =
            DataHubEmulatorExtension.builder().account(ACCESS_ID, ACCESS_KEY).build();

    static DataHubClient client;
    static DataHubCatalog catalog;

    @BeforeAll
    static void openCatalog() {
        client = DATAHUB.client();
        catalog = new DataHubCatalog("dh", null, connectionOptions());
        catalog.open();
    }

    @AfterAll
    static void closeCatalog() {
        catalog.close();
    }

    private static Map<String, String> connectionOptions() {
        Map<String, String> options = new HashMap<>();
        options.put("endpoint", DATAHUB.endpoint());
        options.put("access-id", ACCESS_ID);
        options.put("access-key", ACCESS_KEY);
        return options;
    }

    /** A fresh project per test, so tests do not see each other's topics. */
    private static String newProject() {
        String project = "cat_p" + NAMES.incrementAndGet();
        client.createProject(project, "project " + project);
        return project;
    }

    private static ResolvedCatalogTable table(
            Map<String, String> options, String comment, Column... columns) {
        ResolvedSchema schema = ResolvedSchema.of(columns);
        CatalogTable table =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                        .comment(comment)
                        .options(options)
                        .build();
        return new ResolvedCatalogTable(table, schema);
    }

    private static List<Column> columnsOf(CatalogBaseTable table) {
        return ((CatalogTable) table)
                .getUnresolvedSchema().getColumns().stream()
                        .map(
                                c -> {
                                    Schema.UnresolvedPhysicalColumn p =
                                            (Schema.UnresolvedPhysicalColumn) c;
                                    Column column =
                                            Column.physical(
                                                    p.getName(), (DataType) p.getDataType());
                                    return p.getComment().map(column::withComment).orElse(column);
                                })
                        .collect(Collectors.toList());
    }

    // ------------------------------------------------------------------ databases

    @Test
    void projectsAreDatabasesWithTheProjectComment() throws Exception {
        String project = newProject();

        assertThat(catalog.listDatabases()).contains(project);
        assertThat(catalog.databaseExists(project)).isTrue();
        assertThat(catalog.getDatabase(project).getComment()).isEqualTo("project " + project);
        assertThat(catalog.getDatabase(project).getProperties()).isEmpty();
    }

    @Test
    void aMissingProjectIsDatabaseNotExist() {
        assertThat(catalog.databaseExists("no_such_project")).isFalse();
        assertThat(catalog.databaseExists("not-a-valid-name")).isFalse();
        assertThatThrownBy(() -> catalog.getDatabase("no_such_project"))
                .isInstanceOf(DatabaseNotExistException.class)
                .hasMessageContaining("no_such_project");
        assertThatThrownBy(() -> catalog.listTables("no_such_project"))
                .isInstanceOf(DatabaseNotExistException.class)
                .hasMessageContaining("no_such_project");
        assertThatThrownBy(() -> catalog.listViews("no_such_project"))
                .isInstanceOf(DatabaseNotExistException.class);
        assertThatThrownBy(() -> catalog.listFunctions("no_such_project"))
                .isInstanceOf(DatabaseNotExistException.class);
    }

    @Test
    void createDatabaseCreatesAProjectWithTheComment() throws Exception {
        catalog.createDatabase(
                "cat_created", new CatalogDatabaseImpl(Map.of(), "made by the catalog"), false);

        assertThat(client.getProject("cat_created").getComment()).isEqualTo("made by the catalog");
        assertThatThrownBy(
                        () ->
                                catalog.createDatabase(
                                        "cat_created",
                                        new CatalogDatabaseImpl(Map.of(), null),
                                        false))
                .isInstanceOf(DatabaseAlreadyExistException.class)
                .hasMessageContaining("cat_created");
        catalog.createDatabase("cat_created", new CatalogDatabaseImpl(Map.of(), "other"), true);
        assertThat(client.getProject("cat_created").getComment()).isEqualTo("made by the catalog");
    }

    @Test
    void createDatabaseWithPropertiesIsRejectedNamingThem() {
        assertThatThrownBy(
                        () ->
                                catalog.createDatabase(
                                        "cat_props",
                                        new CatalogDatabaseImpl(Map.of("owner", "me"), null),
                                        false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("owner");
        assertThat(catalog.databaseExists("cat_props")).isFalse();
    }

    @Test
    void alterDatabaseChangesTheProjectComment() throws Exception {
        String project = newProject();

        catalog.alterDatabase(project, new CatalogDatabaseImpl(Map.of(), "new comment"), false);

        assertThat(catalog.getDatabase(project).getComment()).isEqualTo("new comment");
        assertThatThrownBy(
                        () ->
                                catalog.alterDatabase(
                                        "no_such_project",
                                        new CatalogDatabaseImpl(Map.of(), "c"),
                                        false))
                .isInstanceOf(DatabaseNotExistException.class);
        catalog.alterDatabase("no_such_project", new CatalogDatabaseImpl(Map.of(), "c"), true);
    }

    @Test
    void dropDatabaseDeletesAnEmptyProject() throws Exception {
        String project = newProject();

        catalog.dropDatabase(project, false, false);

        assertThat(catalog.databaseExists(project)).isFalse();
        assertThatThrownBy(() -> catalog.dropDatabase(project, false, false))
                .isInstanceOf(DatabaseNotExistException.class)
                .hasMessageContaining(project);
        catalog.dropDatabase(project, true, false);
    }

    @Test
    void dropDatabaseWithTopicsNeedsCascadeWhichDropsTheTopicsFirst() throws Exception {
        String project = newProject();
        client.createBlobTopic(project, "t1", 1, 1, "");
        client.createTupleTopic(
                project, "t2", 1, 1, RecordSchema.of(new Field("a", FieldType.BIGINT)), "");

        assertThatThrownBy(() -> catalog.dropDatabase(project, false, false))
                .isInstanceOf(DatabaseNotEmptyException.class)
                .hasMessageContaining(project);
        assertThat(catalog.listTables(project)).containsExactlyInAnyOrder("t1", "t2");

        catalog.dropDatabase(project, false, true);

        assertThat(catalog.databaseExists(project)).isFalse();
    }

    // ------------------------------------------------------------------ describing topics

    @Test
    void aTupleTopicIsATableWithMappedTypesNotNullAndComments() throws Exception {
        String project = newProject();
        RecordSchema schema =
                RecordSchema.of(
                        new Field("id", FieldType.BIGINT, false, "the key"),
                        new Field("name", FieldType.STRING, true, "who"),
                        new Field("ti", FieldType.TINYINT),
                        new Field("si", FieldType.SMALLINT),
                        new Field("i", FieldType.INTEGER),
                        new Field("f", FieldType.FLOAT),
                        new Field("d", FieldType.DOUBLE),
                        new Field("dec", FieldType.DECIMAL),
                        new Field("b", FieldType.BOOLEAN),
                        new Field("ts", FieldType.TIMESTAMP, false, ""));
        client.createTupleTopic(project, "orders", 2, 3, schema, "all orders");

        CatalogBaseTable table = catalog.getTable(new ObjectPath(project, "orders"));

        assertThat(table.getComment()).isEqualTo("all orders");
        assertThat(columnsOf(table))
                .containsExactly(
                        Column.physical("id", DataTypes.BIGINT().notNull()).withComment("the key"),
                        Column.physical("name", DataTypes.STRING()).withComment("who"),
                        Column.physical("ti", DataTypes.TINYINT()),
                        Column.physical("si", DataTypes.SMALLINT()),
                        Column.physical("i", DataTypes.INT()),
                        Column.physical("f", DataTypes.FLOAT()),
                        Column.physical("d", DataTypes.DOUBLE()),
                        Column.physical("dec", DataTypes.DECIMAL(38, 18)),
                        Column.physical("b", DataTypes.BOOLEAN()),
                        Column.physical("ts", DataTypes.TIMESTAMP(6).notNull()));
        assertThat(catalog.tableExists(new ObjectPath(project, "orders"))).isTrue();
        assertThat(catalog.listTables(project)).containsExactly("orders");
        assertThat(catalog.listViews(project)).isEmpty();
    }

    @Test
    void aBlobTopicIsASingleDataBytesColumn() throws Exception {
        String project = newProject();
        client.createBlobTopic(project, "raw", 1, 1, "bytes");

        CatalogBaseTable table = catalog.getTable(new ObjectPath(project, "raw"));

        assertThat(columnsOf(table)).containsExactly(Column.physical("data", DataTypes.BYTES()));
        assertThat(table.getComment()).isEqualTo("bytes");
    }

    @Test
    void aTableCarriesTheConnectorOptionsButNotTheAccessKey() throws Exception {
        String project = newProject();
        client.createBlobTopic(project, "raw", 1, 1, "");

        Map<String, String> options = catalog.getTable(new ObjectPath(project, "raw")).getOptions();

        assertThat(options)
                .containsEntry("connector", "datahub")
                .containsEntry("project", project)
                .containsEntry("topic", "raw")
                .containsEntry("endpoint", DATAHUB.endpoint())
                .containsEntry("access-id", ACCESS_ID)
                .doesNotContainKeys("access-key", "accessKey");
        assertThat(options.values()).doesNotContain(ACCESS_KEY);
        assertThat(catalog.toString()).contains(DATAHUB.endpoint()).doesNotContain(ACCESS_KEY);
    }

    @Test
    void aMissingTopicIsTableNotExistNamingThePath() {
        String project = newProject();
        ObjectPath missingTopic = new ObjectPath(project, "nope");
        ObjectPath missingProject = new ObjectPath("no_such_project", "nope");

        assertThat(catalog.tableExists(missingTopic)).isFalse();
        assertThat(catalog.tableExists(missingProject)).isFalse();
        assertThatThrownBy(() -> catalog.getTable(missingTopic))
                .isInstanceOf(TableNotExistException.class)
                .hasMessageContaining(project + ".nope");
        assertThatThrownBy(() -> catalog.getTable(missingProject))
                .isInstanceOf(TableNotExistException.class)
                .hasMessageContaining("no_such_project.nope");
        assertThatThrownBy(() -> catalog.dropTable(missingTopic, false))
                .isInstanceOf(TableNotExistException.class)
                .hasMessageContaining(project + ".nope");
        assertThatThrownBy(
                        () ->
                                catalog.alterTable(
                                        missingTopic,
                                        table(Map.of(), "", Column.physical("a", DataTypes.INT())),
                                        false))
                .isInstanceOf(TableNotExistException.class);
    }

    // ------------------------------------------------------------------ creating, dropping,
    // altering

    @Test
    void createTableMakesATupleTopicThatDescribesAsTheSameColumns() throws Exception {
        String project = newProject();
        ObjectPath path = new ObjectPath(project, "created");
        Column[] columns = {
            Column.physical("id", DataTypes.BIGINT().notNull()).withComment("key"),
            Column.physical("name", DataTypes.STRING()),
            Column.physical("amount", DataTypes.DECIMAL(38, 18)).withComment("money"),
            Column.physical("ok", DataTypes.BOOLEAN()),
            Column.physical("at", DataTypes.TIMESTAMP(6))
        };

        catalog.createTable(
                path,
                table(Map.of("shard-count", "2", "lifecycle", "3"), "made here", columns),
                false);

        GetTopicResult topic = client.getTopic(project, "created");
        assertThat(topic.getShardCount()).isEqualTo(2);
        assertThat(topic.getLifeCycle()).isEqualTo(3);
        assertThat(topic.getComment()).isEqualTo("made here");
        assertThat(topic.getRecordSchema().getFields())
                .containsExactly(
                        new Field("id", FieldType.BIGINT, false, "key"),
                        new Field("name", FieldType.STRING, true, ""),
                        new Field("amount", FieldType.DECIMAL, true, "money"),
                        new Field("ok", FieldType.BOOLEAN, true, ""),
                        new Field("at", FieldType.TIMESTAMP, true, ""));
        CatalogBaseTable described = catalog.getTable(path);
        assertThat(columnsOf(described)).containsExactly(columns);
        assertThat(described.getComment()).isEqualTo("made here");
    }

    @Test
    void createTableMapsNarrowerTypesToTheirDataHubFieldsAndDefaultsShardsAndLifecycle()
            throws Exception {
        String project = newProject();

        catalog.createTable(
                new ObjectPath(project, "narrow"),
                table(
                        Map.of("connector", "datahub"),
                        null,
                        Column.physical("c", DataTypes.VARCHAR(10)),
                        Column.physical("ltz", DataTypes.TIMESTAMP_LTZ(3)),
                        Column.physical("dec", DataTypes.DECIMAL(10, 2)),
                        Column.physical("i", DataTypes.INT().notNull())),
                false);

        GetTopicResult topic = client.getTopic(project, "narrow");
        assertThat(topic.getShardCount()).isEqualTo(1);
        assertThat(topic.getLifeCycle()).isEqualTo(7);
        assertThat(topic.getRecordSchema().getFields())
                .extracting(Field::getType)
                .containsExactly(
                        FieldType.STRING,
                        FieldType.TIMESTAMP,
                        FieldType.DECIMAL,
                        FieldType.INTEGER);
        assertThat(topic.getRecordSchema().getField("i").isAllowNull()).isFalse();
    }

    @Test
    void createTableOfAnExistingTopicIsTableAlreadyExistUnlessIgnored() throws Exception {
        String project = newProject();
        client.createBlobTopic(project, "taken", 1, 1, "");
        ObjectPath path = new ObjectPath(project, "taken");
        ResolvedCatalogTable table = table(Map.of(), "", Column.physical("a", DataTypes.INT()));

        assertThatThrownBy(() -> catalog.createTable(path, table, false))
                .isInstanceOf(TableAlreadyExistException.class)
                .hasMessageContaining(project + ".taken");
        catalog.createTable(path, table, true);
        assertThat(columnsOf(catalog.getTable(path)))
                .containsExactly(Column.physical("data", DataTypes.BYTES()));
    }

    @Test
    void createTableInAMissingProjectIsDatabaseNotExist() {
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        new ObjectPath("no_such_project", "t"),
                                        table(Map.of(), "", Column.physical("a", DataTypes.INT())),
                                        false))
                .isInstanceOf(DatabaseNotExistException.class)
                .hasMessageContaining("no_such_project");
    }

    @Test
    void createTableRejectsWhatATopicCannotStoreNamingIt() {
        String project = newProject();
        ObjectPath path = new ObjectPath(project, "bad");

        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        path,
                                        table(
                                                Map.of(),
                                                "",
                                                Column.physical("id", DataTypes.BIGINT()),
                                                Column.physical(
                                                        "tags", DataTypes.ARRAY(DataTypes.INT()))),
                                        false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'tags'");
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        path,
                                        table(
                                                Map.of(),
                                                "",
                                                Column.physical("id", DataTypes.BIGINT()),
                                                Column.computed(
                                                        "one", new ValueLiteralExpression(1))),
                                        false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'one'");
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        path,
                                        table(
                                                Map.of(),
                                                "",
                                                Column.physical("id", DataTypes.BIGINT()),
                                                Column.metadata(
                                                        "seq",
                                                        DataTypes.STRING(),
                                                        "sequence",
                                                        true)),
                                        false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'seq'");
        assertThatThrownBy(() -> catalog.createTable(path, withPrimaryKey(), false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("PRIMARY KEY");
        assertThat(catalog.tableExists(path)).isFalse();
    }

    private static ResolvedCatalogTable withPrimaryKey() {
        ResolvedSchema schema =
                // Without an index list: that constructor is not in Flink 2.0 and earlier.
                new ResolvedSchema(
                        List.of(Column.physical("id", DataTypes.BIGINT().notNull())),
                        List.of(),
                        UniqueConstraint.primaryKey("pk", List.of("id")));
        CatalogTable table =
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                        .options(Map.of())
                        .build();
        return new ResolvedCatalogTable(table, schema);
    }

    @Test
    void createTableRejectsUnknownOptionsAndNonPositiveCounts() {
        String project = newProject();
        ObjectPath path = new ObjectPath(project, "opts");
        Column a = Column.physical("a", DataTypes.INT());

        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        path, table(Map.of("shard-cout", "2"), "", a), false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'shard-cout'")
                .hasMessageContaining("shard-count");
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        path, table(Map.of("connector", "kafka"), "", a), false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'connector'");
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        path, table(Map.of("shard-count", "0"), "", a), false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'shard-count'");
        assertThatThrownBy(
                        () ->
                                catalog.createTable(
                                        path, table(Map.of("lifecycle", "week"), "", a), false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'lifecycle'")
                .hasMessageContaining("week");
        assertThat(catalog.tableExists(path)).isFalse();
    }

    @Test
    void dropTableDeletesTheTopic() throws Exception {
        String project = newProject();
        client.createBlobTopic(project, "gone", 1, 1, "");
        ObjectPath path = new ObjectPath(project, "gone");

        catalog.dropTable(path, false);

        assertThat(catalog.tableExists(path)).isFalse();
        assertThatThrownBy(() -> catalog.dropTable(path, false))
                .isInstanceOf(TableNotExistException.class);
        catalog.dropTable(path, true);
    }

    @Test
    void alterTableAddingNullableColumnsAppendsFields() throws Exception {
        String project = newProject();
        client.createTupleTopic(
                project,
                "grow",
                1,
                1,
                RecordSchema.of(new Field("id", FieldType.BIGINT, false, "key")),
                "");
        ObjectPath path = new ObjectPath(project, "grow");
        Column id = Column.physical("id", DataTypes.BIGINT().notNull()).withComment("key");
        Column note = Column.physical("note", DataTypes.STRING()).withComment("free text");
        Column at = Column.physical("at", DataTypes.TIMESTAMP(3));
        Map<String, String> options = catalog.getTable(path).getOptions();

        catalog.alterTable(
                path,
                table(options, "", id, note, at),
                List.of(TableChange.add(note), TableChange.add(at)),
                false);

        assertThat(client.getTopic(project, "grow").getRecordSchema().getFields())
                .containsExactly(
                        new Field("id", FieldType.BIGINT, false, "key"),
                        new Field("note", FieldType.STRING, true, "free text"),
                        new Field("at", FieldType.TIMESTAMP, true, ""));
        assertThat(columnsOf(catalog.getTable(path)))
                .containsExactly(id, note, Column.physical("at", DataTypes.TIMESTAMP(6)));
    }

    @Test
    void alterTableRejectsEverythingButAppendingNullableColumns() throws Exception {
        String project = newProject();
        client.createTupleTopic(
                project,
                "fixed",
                1,
                1,
                RecordSchema.of(
                        new Field("id", FieldType.BIGINT), new Field("name", FieldType.STRING)),
                "");
        ObjectPath path = new ObjectPath(project, "fixed");
        Map<String, String> options = catalog.getTable(path).getOptions();
        Column id = Column.physical("id", DataTypes.BIGINT());
        Column name = Column.physical("name", DataTypes.STRING());
        Column extra = Column.physical("extra", DataTypes.INT());

        assertThatThrownBy(
                        () ->
                                catalog.alterTable(
                                        path,
                                        table(
                                                options,
                                                "",
                                                id,
                                                name,
                                                Column.physical("must", DataTypes.INT().notNull())),
                                        false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'must'")
                .hasMessageContaining("nullable");
        assertThatThrownBy(() -> catalog.alterTable(path, table(options, "", id), false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("dropped");
        assertThatThrownBy(
                        () -> catalog.alterTable(path, table(options, "", extra, id, name), false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'extra'");
        assertThatThrownBy(
                        () ->
                                catalog.alterTable(
                                        path,
                                        table(
                                                options,
                                                "",
                                                id,
                                                Column.physical("name", DataTypes.INT())),
                                        false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'name'");
        assertThatThrownBy(
                        () ->
                                catalog.alterTable(
                                        path,
                                        table(options, "", id, name),
                                        List.of(TableChange.dropColumn("name")),
                                        false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("DropColumn");
        Map<String, String> changed = new HashMap<>(options);
        changed.put("lifecycle", "2");
        assertThatThrownBy(() -> catalog.alterTable(path, table(changed, "", id, name), false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("options");
        assertThat(client.getTopic(project, "fixed").getRecordSchema().getFields()).hasSize(2);

        client.createBlobTopic(project, "blob", 1, 1, "");
        ObjectPath blob = new ObjectPath(project, "blob");
        assertThatThrownBy(
                        () ->
                                catalog.alterTable(
                                        blob,
                                        table(
                                                catalog.getTable(blob).getOptions(),
                                                "",
                                                Column.physical("data", DataTypes.BYTES()),
                                                extra),
                                        false))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("blob");
    }

    @Test
    void renameTableIsRejected() {
        assertThatThrownBy(() -> catalog.renameTable(new ObjectPath("p", "a"), "b", false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("renamed");
    }

    // ------------------------------------------------------------------ what DataHub does not have

    @Test
    void functionsPartitionsAndStatisticsAreAbsent() throws Exception {
        String project = newProject();
        client.createBlobTopic(project, "t", 1, 1, "");
        ObjectPath path = new ObjectPath(project, "t");
        ObjectPath function = new ObjectPath(project, "f");
        CatalogPartitionSpec spec = new CatalogPartitionSpec(Map.of("dt", "2024"));

        assertThat(catalog.listFunctions(project)).isEmpty();
        assertThat(catalog.functionExists(function)).isFalse();
        assertThatThrownBy(() -> catalog.getFunction(function))
                .isInstanceOf(FunctionNotExistException.class);
        assertThatThrownBy(
                        () ->
                                catalog.createFunction(
                                        function, new CatalogFunctionImpl("a.B"), false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("TEMPORARY FUNCTION");
        assertThatThrownBy(() -> catalog.listPartitions(path))
                .isInstanceOf(TableNotPartitionedException.class);
        assertThatThrownBy(() -> catalog.listPartitions(new ObjectPath(project, "missing")))
                .isInstanceOf(TableNotExistException.class);
        assertThat(catalog.partitionExists(path, spec)).isFalse();
        assertThat(catalog.getTableStatistics(path)).isEqualTo(CatalogTableStatistics.UNKNOWN);
        assertThatThrownBy(
                        () ->
                                catalog.alterTableStatistics(
                                        path, CatalogTableStatistics.UNKNOWN, false))
                .isInstanceOf(CatalogException.class);
    }

    // ------------------------------------------------------------------ factory and connection

    @Test
    void theFactoryAcceptsTheHostedConnectorsOptionNamesAndShowsThePrimaryOnes() throws Exception {
        String project = newProject();
        client.createBlobTopic(project, "t", 1, 1, "");
        Map<String, String> options = new HashMap<>();
        options.put("type", "datahub");
        options.put("endPoint", DATAHUB.endpoint());
        options.put("accessId", ACCESS_ID);
        options.put("accessKey", ACCESS_KEY);
        options.put("client.protocol", "json");
        options.put("default-database", project);

        Catalog created =
                FactoryUtil.createCatalog(
                        "dh2", options, new Configuration(), getClass().getClassLoader());
        created.open();
        try {
            assertThat(created).isInstanceOf(DataHubCatalog.class);
            assertThat(created.getDefaultDatabase()).isEqualTo(project);
            assertThat(created.listTables(project)).containsExactly("t");
            assertThat(created.getTable(new ObjectPath(project, "t")).getOptions())
                    .containsEntry("endpoint", DATAHUB.endpoint())
                    .containsEntry("access-id", ACCESS_ID)
                    .containsEntry("client.protocol", "json")
                    .doesNotContainKeys("endPoint", "accessId", "accessKey");
        } finally {
            created.close();
        }
    }

    @Test
    void theFactoryRejectsUnknownOptions() {
        Map<String, String> options = new HashMap<>(connectionOptions());
        options.put("type", "datahub");
        options.put("default-databse", "x");

        assertThatThrownBy(
                        () ->
                                FactoryUtil.createCatalog(
                                        "dh3",
                                        options,
                                        new Configuration(),
                                        getClass().getClassLoader()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(stackMessages(e)).contains("default-databse"));
    }

    @Test
    void openFailsClearlyForAMissingDefaultProjectOrWrongKeyWithoutShowingTheKey() {
        DataHubCatalog missingDefault =
                new DataHubCatalog("dh4", "no_such_project", connectionOptions());
        assertThatThrownBy(missingDefault::open)
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("no_such_project")
                .hasMessageContaining("default-database");

        Map<String, String> wrongKey = new HashMap<>(connectionOptions());
        wrongKey.put("access-key", "wrong-" + ACCESS_KEY);
        DataHubCatalog wrong = new DataHubCatalog("dh5", null, wrongKey);
        assertThatThrownBy(wrong::open)
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(DATAHUB.endpoint())
                .satisfies(e -> assertThat(stackMessages(e)).doesNotContain(ACCESS_KEY));
        assertThat(wrong.toString()).doesNotContain(ACCESS_KEY);
    }

    private static String stackMessages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c).append('\n');
        }
        return all.toString();
    }
}
