package io.github.flinkdatahub.connector.catalog;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.TableChange;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.ProcedureNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.factories.Factory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.procedures.Procedure;
import org.apache.flink.util.Preconditions;
import org.apache.flink.util.StringUtils;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.ResourceExistException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetProjectResult;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.connector.DataHubConnectorOptions;
import io.github.flinkdatahub.connector.DataHubOptionsUtil;
import io.github.flinkdatahub.connector.catalog.procedures.DataHubProcedures;
import io.github.flinkdatahub.connector.catalog.system.SystemTable;
import io.github.flinkdatahub.connector.catalog.system.SystemTables;
import io.github.flinkdatahub.connector.cdc.CdcLayout;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.table.DataHubDynamicTableFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.PROJECT;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.TOPIC;
import static io.github.flinkdatahub.connector.catalog.DataHubCatalogOptions.DEFAULT_DATABASE;
import static io.github.flinkdatahub.connector.catalog.DataHubCatalogOptions.LIFECYCLE;
import static io.github.flinkdatahub.connector.catalog.DataHubCatalogOptions.SHARD_COUNT;

/**
 * A catalog over one DataHub account: projects are databases, topics are tables. A tuple topic's
 * fields are its columns (types by {@link
 * io.github.flinkdatahub.connector.table.DataHubTypeMapping}, NOT NULL and comments kept), a blob
 * topic has the single column {@code data BYTES}. Tables carry the options of the {@code
 * 'connector' = 'datahub'} factory but for the access key and security token, which the catalog's
 * table factory ({@link #getFactory()}) adds: tables are read and written without DDL, and {@code
 * SHOW CREATE TABLE} shows no secret. {@code CREATE TABLE} creates a tuple topic ({@code
 * 'shard-count'}, {@code 'lifecycle'}), {@code ALTER TABLE ... ADD} appends nullable fields;
 * DataHub has no views, functions, partitions or statistics. Each topic also has read-only system
 * tables ({@code `t$shards`}, see {@link SystemTables}), and the database {@code sys} holds
 * procedures for DataHub operations ({@code CALL dh.sys.split_shard(...)}, see {@link
 * DataHubProcedures}).
 */
@PublicEvolving
public class DataHubCatalog extends AbstractCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubCatalog.class);

    @Nullable private final String defaultDatabase;
    private final DataHubConnection connection;

    /** Connection options shown in every table's options: all but the secrets. */
    private final Map<String, String> tableConnectionOptions;

    private final DataHubCatalogTableFactory tableFactory;
    private DataHubClient client;

    /**
     * @param defaultDatabase the project statements use when they name none; may be null
     * @param connectionOptions the connection options of {@link DataHubConnectorOptions} (their
     *     keys or fallback keys), e.g. {@code endpoint}, {@code access-id}, {@code access-key}
     */
    public DataHubCatalog(
            String name, @Nullable String defaultDatabase, Map<String, String> connectionOptions) {
        // AbstractCatalog only because Flink 2.0.0's planner casts every catalog it writes to into
        // one (TableLineageDatasetImpl); it wants a default database, ours may have none, so it
        // gets
        // a stand-in that getDefaultDatabase() hides.
        super(
                requireName(name),
                StringUtils.isNullOrWhitespaceOnly(defaultDatabase) ? name : defaultDatabase);
        this.defaultDatabase =
                StringUtils.isNullOrWhitespaceOnly(defaultDatabase) ? null : defaultDatabase;
        Map<String, String> options =
                DataHubOptionsUtil.connectionOptionsByPrimaryKey(connectionOptions);
        this.connection = DataHubOptionsUtil.connection(Configuration.fromMap(options));
        Map<String, String> shown = new LinkedHashMap<>(options);
        shown.keySet().removeIf(DataHubConnectorOptions::isSensitive);
        this.tableConnectionOptions = Collections.unmodifiableMap(shown);
        this.tableFactory = new DataHubCatalogTableFactory(options);
    }

    private static String requireName(String name) {
        Preconditions.checkArgument(
                !StringUtils.isNullOrWhitespaceOnly(name), "The catalog name is required");
        return name;
    }

    /**
     * Hands the planner the {@code 'connector' = 'datahub'} factory plus this catalog's
     * credentials.
     */
    @Override
    public Optional<Factory> getFactory() {
        return Optional.of(tableFactory);
    }

    /** Opens the client and checks the account (and the default project, if set) can be reached. */
    @Override
    public void open() throws CatalogException {
        client = connection.openClient();
        try {
            if (defaultDatabase == null) {
                client.listProject();
            } else if (!databaseExists(defaultDatabase)) {
                throw new CatalogException(
                        "The default database (project) '"
                                + defaultDatabase
                                + "' of catalog '"
                                + getName()
                                + "' does not exist at "
                                + connection.getEndpoint()
                                + ". Create the project or"
                                + " change option '"
                                + DEFAULT_DATABASE.key()
                                + "'.");
            }
        } catch (DataHubException e) {
            close();
            throw new CatalogException(
                    "Catalog '"
                            + getName()
                            + "' cannot reach DataHub at "
                            + connection.getEndpoint()
                            + " as access id '"
                            + connection.getAccessId()
                            + "': "
                            + e.getMessage(),
                    e);
        } catch (CatalogException e) {
            close();
            throw e;
        }
        LOG.info("Opened DataHub catalog '{}' on {}", getName(), connection.getEndpoint());
    }

    @Override
    public void close() throws CatalogException {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private DataHubClient client() {
        if (client == null) {
            throw new CatalogException("Catalog '" + getName() + "' is not open.");
        }
        return client;
    }

    @Override
    @Nullable
    public String getDefaultDatabase() {
        return defaultDatabase;
    }

    // ------------------------------------------------------------------ databases = projects

    @Override
    public List<String> listDatabases() throws CatalogException {
        try {
            return client().listProject().getProjectNames();
        } catch (DataHubException e) {
            throw failed("list the projects", e);
        }
    }

    @Override
    public CatalogDatabase getDatabase(String databaseName) throws DatabaseNotExistException {
        try {
            GetProjectResult project = client().getProject(databaseName);
            return new CatalogDatabaseImpl(Collections.emptyMap(), project.getComment());
        } catch (DataHubException e) {
            if (notFound(e)) {
                throw new DatabaseNotExistException(getName(), databaseName, e);
            }
            throw failed("get project '" + databaseName + "'", e);
        }
    }

    @Override
    public boolean databaseExists(String databaseName) throws CatalogException {
        try {
            client().getProject(databaseName);
            return true;
        } catch (DataHubException e) {
            if (notFound(e)) {
                return false;
            }
            throw failed("get project '" + databaseName + "'", e);
        }
    }

    @Override
    public void createDatabase(
            String databaseName, CatalogDatabase database, boolean ignoreIfExists)
            throws DatabaseAlreadyExistException {
        rejectProperties(databaseName, database);
        try {
            client().createProject(databaseName, commentOf(database.getComment()));
        } catch (ResourceExistException e) {
            if (!ignoreIfExists) {
                throw new DatabaseAlreadyExistException(getName(), databaseName, e);
            }
        } catch (DataHubException e) {
            throw failed("create project '" + databaseName + "'", e);
        }
    }

    @Override
    public void alterDatabase(
            String databaseName, CatalogDatabase newDatabase, boolean ignoreIfNotExists)
            throws DatabaseNotExistException {
        rejectProperties(databaseName, newDatabase);
        try {
            client().updateProject(databaseName, commentOf(newDatabase.getComment()));
        } catch (DataHubException e) {
            if (!notFound(e)) {
                throw failed("update project '" + databaseName + "'", e);
            }
            if (!ignoreIfNotExists) {
                throw new DatabaseNotExistException(getName(), databaseName, e);
            }
        }
    }

    /** A project has a comment and nothing else to set. */
    private static void rejectProperties(String databaseName, CatalogDatabase database) {
        if (!database.getProperties().isEmpty()) {
            throw new ValidationException(
                    "DataHub project '"
                            + databaseName
                            + "' takes no properties (got "
                            + new TreeSet<>(database.getProperties().keySet())
                            + "); only a COMMENT.");
        }
    }

    @Override
    public void dropDatabase(String databaseName, boolean ignoreIfNotExists, boolean cascade)
            throws DatabaseNotExistException, DatabaseNotEmptyException {
        List<String> topics;
        try {
            topics = listTables(databaseName);
        } catch (DatabaseNotExistException e) {
            if (ignoreIfNotExists) {
                return;
            }
            throw e;
        }
        if (!topics.isEmpty() && !cascade) {
            throw new DatabaseNotEmptyException(getName(), databaseName);
        }
        try {
            for (String topic : topics) {
                deleteTopicIfExists(databaseName, topic);
            }
            client().deleteProject(databaseName);
        } catch (DataHubException e) {
            if (!notFound(e)) {
                throw failed("delete project '" + databaseName + "'", e);
            }
            if (!ignoreIfNotExists) {
                throw new DatabaseNotExistException(getName(), databaseName, e);
            }
        }
    }

    private void deleteTopicIfExists(String project, String topic) {
        try {
            client().deleteTopic(project, topic);
        } catch (ResourceNotFoundException e) {
            // Dropped concurrently: the goal is reached.
        }
    }

    // ------------------------------------------------------------------ tables = topics

    @Override
    public List<String> listTables(String databaseName) throws DatabaseNotExistException {
        try {
            return client().listTopic(databaseName).getTopicNames();
        } catch (DataHubException e) {
            if (notFound(e)) {
                throw new DatabaseNotExistException(getName(), databaseName, e);
            }
            throw failed("list the topics of project '" + databaseName + "'", e);
        }
    }

    @Override
    public List<String> listViews(String databaseName) throws DatabaseNotExistException {
        requireDatabase(databaseName);
        return Collections.emptyList();
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath tablePath) throws TableNotExistException {
        if (SystemTables.isSystemTableName(tablePath.getObjectName())) {
            return systemTable(tablePath);
        }
        GetTopicResult topic = getTopic(tablePath);
        Map<String, String> options = new LinkedHashMap<>();
        options.put(FactoryUtil.CONNECTOR.key(), DataHubDynamicTableFactory.IDENTIFIER);
        options.putAll(tableConnectionOptions);
        options.put(PROJECT.key(), tablePath.getDatabaseName());
        options.put(TOPIC.key(), tablePath.getObjectName());
        // Change records read as a changelog of their data columns; a hint
        // /*+ OPTIONS('cdc.format' = 'none') */ reads them as plain inserts.
        Optional<CdcLayout> layout = TopicTables.cdcLayoutOf(topic);
        layout.ifPresent(l -> options.putAll(TopicTables.cdcOptions(l)));
        return CatalogTable.newBuilder()
                .schema(
                        layout.map(l -> TopicTables.dataSchemaOf(topic, l))
                                .orElseGet(() -> TopicTables.schemaOf(topic)))
                .comment(topic.getComment())
                .options(options)
                .build();
    }

    /** {@code topic$shards} and the like: metadata of an existing topic, read-only. */
    private CatalogBaseTable systemTable(ObjectPath tablePath) throws TableNotExistException {
        String topic = SystemTables.topicOf(tablePath.getObjectName());
        SystemTable table =
                SystemTables.tableOf(tablePath.getObjectName())
                        .orElseThrow(
                                () ->
                                        new TableNotExistException(
                                                getName(),
                                                tablePath,
                                                new ValidationException(
                                                        "Unknown system table; topic '"
                                                                + topic
                                                                + "' has: "
                                                                + SystemTables.names())));
        getTopic(new ObjectPath(tablePath.getDatabaseName(), topic));
        return SystemTables.catalogTable(tablePath, table);
    }

    private GetTopicResult getTopic(ObjectPath tablePath) throws TableNotExistException {
        try {
            return client().getTopic(tablePath.getDatabaseName(), tablePath.getObjectName());
        } catch (DataHubException e) {
            if (notFound(e)) {
                throw new TableNotExistException(getName(), tablePath, e);
            }
            throw failed("get topic " + tablePath.getFullName(), e);
        }
    }

    @Override
    public boolean tableExists(ObjectPath tablePath) throws CatalogException {
        try {
            if (SystemTables.isSystemTableName(tablePath.getObjectName())) {
                systemTable(tablePath);
            } else {
                getTopic(tablePath);
            }
            return true;
        } catch (TableNotExistException e) {
            return false;
        }
    }

    @Override
    public void dropTable(ObjectPath tablePath, boolean ignoreIfNotExists)
            throws TableNotExistException {
        try {
            client().deleteTopic(tablePath.getDatabaseName(), tablePath.getObjectName());
        } catch (DataHubException e) {
            if (!notFound(e)) {
                throw failed("delete topic " + tablePath.getFullName(), e);
            }
            if (!ignoreIfNotExists) {
                throw new TableNotExistException(getName(), tablePath, e);
            }
        }
    }

    @Override
    public void renameTable(ObjectPath tablePath, String newTableName, boolean ignoreIfNotExists) {
        throw new CatalogException(
                "Cannot rename " + tablePath.getFullName() + ": DataHub topics cannot be renamed.");
    }

    /**
     * Creates a tuple topic with the table's columns. Takes the options {@code 'shard-count'} and
     * {@code 'lifecycle'}; the connection comes from the catalog.
     */
    @Override
    public void createTable(ObjectPath tablePath, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException {
        if (!(table instanceof ResolvedCatalogTable)) {
            throw new CatalogException(
                    "Cannot create "
                            + tablePath.getFullName()
                            + ": the DataHub catalog stores"
                            + " tables only (a topic per table), not "
                            + table.getTableKind()
                            + "s.");
        }
        ResolvedCatalogTable resolved = (ResolvedCatalogTable) table;
        String tableName = tablePath.getFullName();
        Configuration options =
                DataHubOptionsUtil.catalogCreateTableOptions(tableName, resolved.getOptions());
        int shardCount = DataHubOptionsUtil.positive(tableName, options, SHARD_COUNT);
        int lifecycle = DataHubOptionsUtil.positive(tableName, options, LIFECYCLE);
        RecordSchema schema = TopicTables.recordSchemaOf(tablePath, resolved);
        requireDatabase(tablePath.getDatabaseName());
        try {
            client().createTupleTopic(
                            tablePath.getDatabaseName(),
                            tablePath.getObjectName(),
                            shardCount,
                            lifecycle,
                            schema,
                            commentOf(resolved.getComment()));
            LOG.info(
                    "Created topic {} with {} shard(s) and {} day(s) of lifecycle",
                    tablePath.getFullName(),
                    shardCount,
                    lifecycle);
        } catch (ResourceExistException e) {
            if (!ignoreIfExists) {
                throw new TableAlreadyExistException(getName(), tablePath, e);
            }
        } catch (DataHubException e) {
            throw failed("create topic " + tablePath.getFullName(), e);
        }
    }

    @Override
    public void alterTable(
            ObjectPath tablePath,
            CatalogBaseTable newTable,
            List<TableChange> tableChanges,
            boolean ignoreIfNotExists)
            throws TableNotExistException {
        for (TableChange change : tableChanges) {
            if (!(change instanceof TableChange.AddColumn)) {
                throw new ValidationException(
                        "ALTER TABLE "
                                + tablePath.getFullName()
                                + ": a DataHub topic can"
                                + " only get new nullable columns appended at the end (ALTER TABLE ... ADD <column>"
                                + " <type>); "
                                + change.getClass().getSimpleName()
                                + " is not supported.");
            }
        }
        alterTable(tablePath, newTable, ignoreIfNotExists);
    }

    /**
     * Appends the new nullable columns of {@code newTable} to the topic; any other difference from
     * the current table is rejected.
     */
    @Override
    public void alterTable(
            ObjectPath tablePath, CatalogBaseTable newTable, boolean ignoreIfNotExists)
            throws TableNotExistException {
        GetTopicResult topic;
        try {
            topic = getTopic(tablePath);
        } catch (TableNotExistException e) {
            if (ignoreIfNotExists) {
                return;
            }
            throw e;
        }
        if (!(newTable instanceof ResolvedCatalogTable)) {
            throw new CatalogException(
                    "Cannot alter "
                            + tablePath.getFullName()
                            + " into a "
                            + newTable.getTableKind()
                            + ": the DataHub catalog holds tables only.");
        }
        ResolvedCatalogTable resolved = (ResolvedCatalogTable) newTable;
        if (topic.getRecordType() != RecordType.TUPLE) {
            throw new ValidationException(
                    "ALTER TABLE "
                            + tablePath.getFullName()
                            + ": the topic is a blob topic,"
                            + " whose records have no schema to change.");
        }
        CatalogBaseTable current = getTable(tablePath);
        if (!commentOf(current.getComment()).equals(commentOf(resolved.getComment()))
                || !current.getOptions().equals(resolved.getOptions())) {
            throw new ValidationException(
                    "ALTER TABLE "
                            + tablePath.getFullName()
                            + ": the comment and options of"
                            + " a DataHub catalog table cannot change; only nullable columns can be added.");
        }
        List<Field> added =
                TopicTables.appendedFields(
                        tablePath, topic.getRecordSchema(), resolved.getResolvedSchema());
        for (Field field : added) {
            try {
                client().appendField(tablePath.getDatabaseName(), tablePath.getObjectName(), field);
                LOG.info("Appended field {} to topic {}", field.getName(), tablePath.getFullName());
            } catch (DataHubException e) {
                throw failed(
                        "append field '"
                                + field.getName()
                                + "' to topic "
                                + tablePath.getFullName(),
                        e);
            }
        }
    }

    private void requireDatabase(String databaseName) throws DatabaseNotExistException {
        if (!databaseExists(databaseName)) {
            throw new DatabaseNotExistException(getName(), databaseName);
        }
    }

    // ------------------------------------------------------------------ procedures

    /** In {@code sys} and in every project (see {@link DataHubProcedures}). */
    @Override
    public List<String> listProcedures(String dbName) throws DatabaseNotExistException {
        if (!DataHubProcedures.SYSTEM_DATABASE.equals(dbName)) {
            requireDatabase(dbName);
        }
        return DataHubProcedures.names();
    }

    @Override
    public Procedure getProcedure(ObjectPath procedurePath) throws ProcedureNotExistException {
        String database = procedurePath.getDatabaseName();
        String project =
                DataHubProcedures.SYSTEM_DATABASE.equals(database) ? defaultDatabase : database;
        return DataHubProcedures.get(procedurePath.getObjectName(), client(), project)
                .orElseThrow(() -> new ProcedureNotExistException(getName(), procedurePath));
    }

    // ------------------------------------------------------------------ not in DataHub: partitions

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath)
            throws TableNotExistException, TableNotPartitionedException {
        throw notPartitioned(tablePath);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws TableNotExistException, TableNotPartitionedException {
        throw notPartitioned(tablePath);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(
            ObjectPath tablePath, List<Expression> filters)
            throws TableNotExistException, TableNotPartitionedException {
        throw notPartitioned(tablePath);
    }

    /** TableNotExist for a missing topic, else TableNotPartitioned: topics have no partitions. */
    private TableNotPartitionedException notPartitioned(ObjectPath tablePath)
            throws TableNotExistException {
        getTopic(tablePath);
        return new TableNotPartitionedException(getName(), tablePath);
    }

    @Override
    public CatalogPartition getPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), tablePath, partitionSpec);
    }

    @Override
    public boolean partitionExists(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return false;
    }

    @Override
    public void createPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition partition,
            boolean ignoreIfExists)
            throws TableNotExistException, TableNotPartitionedException {
        throw notPartitioned(tablePath);
    }

    @Override
    public void dropPartition(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec, boolean ignoreIfNotExists)
            throws PartitionNotExistException {
        if (!ignoreIfNotExists) {
            throw new PartitionNotExistException(getName(), tablePath, partitionSpec);
        }
    }

    @Override
    public void alterPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition newPartition,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException {
        if (!ignoreIfNotExists) {
            throw new PartitionNotExistException(getName(), tablePath, partitionSpec);
        }
    }

    // ------------------------------------------------------------------ not in DataHub: functions

    @Override
    public List<String> listFunctions(String dbName) throws DatabaseNotExistException {
        requireDatabase(dbName);
        return Collections.emptyList();
    }

    @Override
    public CatalogFunction getFunction(ObjectPath functionPath) throws FunctionNotExistException {
        throw new FunctionNotExistException(getName(), functionPath);
    }

    @Override
    public boolean functionExists(ObjectPath functionPath) {
        return false;
    }

    @Override
    public void createFunction(
            ObjectPath functionPath, CatalogFunction function, boolean ignoreIfExists) {
        throw new CatalogException(
                "Cannot create function "
                        + functionPath.getFullName()
                        + ": DataHub stores no"
                        + " functions. Use CREATE TEMPORARY FUNCTION or a function in another catalog.");
    }

    @Override
    public void alterFunction(
            ObjectPath functionPath, CatalogFunction newFunction, boolean ignoreIfNotExists)
            throws FunctionNotExistException {
        if (!ignoreIfNotExists) {
            throw new FunctionNotExistException(getName(), functionPath);
        }
    }

    @Override
    public void dropFunction(ObjectPath functionPath, boolean ignoreIfNotExists)
            throws FunctionNotExistException {
        if (!ignoreIfNotExists) {
            throw new FunctionNotExistException(getName(), functionPath);
        }
    }

    // ------------------------------------------------------------------ not in DataHub: statistics

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath tablePath) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath tablePath) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public void alterTableStatistics(
            ObjectPath tablePath,
            CatalogTableStatistics tableStatistics,
            boolean ignoreIfNotExists) {
        throw statisticsNotStored(tablePath);
    }

    @Override
    public void alterTableColumnStatistics(
            ObjectPath tablePath,
            CatalogColumnStatistics columnStatistics,
            boolean ignoreIfNotExists) {
        throw statisticsNotStored(tablePath);
    }

    @Override
    public void alterPartitionStatistics(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogTableStatistics partitionStatistics,
            boolean ignoreIfNotExists) {
        throw statisticsNotStored(tablePath);
    }

    @Override
    public void alterPartitionColumnStatistics(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogColumnStatistics columnStatistics,
            boolean ignoreIfNotExists) {
        throw statisticsNotStored(tablePath);
    }

    private static CatalogException statisticsNotStored(ObjectPath tablePath) {
        return new CatalogException(
                "Cannot store statistics of "
                        + tablePath.getFullName()
                        + ": DataHub keeps no table statistics.");
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A missing resource, or a name the client rejects before sending it (such a project or topic
     * cannot exist).
     */
    private static boolean notFound(DataHubException e) {
        return e instanceof ResourceNotFoundException
                || (e instanceof InvalidParameterException
                        && e.getHttpStatus() == DataHubException.CLIENT_STATUS);
    }

    private CatalogException failed(String what, DataHubException e) {
        return new CatalogException(
                "Catalog '" + getName() + "' failed to " + what + ": " + e.getMessage(), e);
    }

    private static String commentOf(@Nullable String comment) {
        return comment == null ? "" : comment;
    }

    @VisibleForTesting
    Map<String, String> tableConnectionOptions() {
        return tableConnectionOptions;
    }

    @Override
    public String toString() {
        return "DataHubCatalog{name="
                + getName()
                + ", endpoint="
                + connection.getEndpoint()
                + ", accessId="
                + connection.getAccessId()
                + ", defaultDatabase="
                + defaultDatabase
                + '}';
    }
}
