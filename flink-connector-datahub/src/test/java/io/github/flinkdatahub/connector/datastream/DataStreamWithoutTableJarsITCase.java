package io.github.flinkdatahub.connector.datastream;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DataStream users need no table jars: a job with the source and the sink runs in a child JVM whose
 * classpath is this module's test classpath without any {@code flink-table} jar.
 */
class DataStreamWithoutTableJarsITCase {
    private static final String PROJECT = "no_table";
    private static final RecordSchema SCHEMA =
            RecordSchema.fromLists(
                    List.of("id", "name"), List.of(FieldType.BIGINT, FieldType.STRING));

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    @Test
    void aDataStreamJobRunsWithoutFlinkTableOnTheClasspath(@TempDir Path dir) throws Exception {
        DataHubClient client = DATAHUB.client();
        client.createProject(PROJECT, "DataStream without flink-table");
        client.createTupleTopic(PROJECT, "input", 1, 1, SCHEMA, "");
        client.createTupleTopic(PROJECT, "output", 1, 1, SCHEMA, "");
        client.waitShardsReady(PROJECT, "input");
        client.waitShardsReady(PROJECT, "output");
        List<Record> written = new ArrayList<>();
        for (long id = 0; id < 10; id++) {
            written.add(TupleRecord.of(SCHEMA, id, "name-" + id));
        }
        client.putRecords(PROJECT, "input", written);

        List<String> classpath =
                Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> withoutTable =
                classpath.stream()
                        .filter(e -> !Path.of(e).getFileName().toString().startsWith("flink-table"))
                        .collect(Collectors.toList());
        assertThat(withoutTable)
                .as("flink-table jars on the test classpath")
                .hasSizeLessThan(classpath.size());

        Path output = dir.resolve("child.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // This JVM's module opens: Flink 1.20's Kryo needs them on Java 17, as its clusters get
        // them from env.java.opts.all (see the flink-1.20 profile's argLine).
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens"))
                .forEach(command::add);
        command.addAll(
                List.of(
                        "-cp",
                        String.join(File.pathSeparator, withoutTable),
                        DataStreamJobWithoutTable.class.getName(),
                        DATAHUB.endpoint(),
                        DataHubEmulator.DEFAULT_ACCESS_ID,
                        DataHubEmulator.DEFAULT_ACCESS_KEY,
                        PROJECT,
                        "input",
                        "output"));
        Process child =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        // A guard against a hang only.
        if (!child.waitFor(180, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("exit code of the job; its output:%n%s", log).isZero();
        assertThat(TopicContents.all(client, PROJECT, "output"))
                .extracting(r -> ((TupleRecord) r).getValue("id"))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.range(0, 10).boxed().collect(Collectors.toList()));
    }
}
