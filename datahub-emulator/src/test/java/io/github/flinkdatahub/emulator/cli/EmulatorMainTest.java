package io.github.flinkdatahub.emulator.cli;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.AuthorizationFailedException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line as users run it: a child JVM, its stdout line, its exit codes, SIGTERM. */
class EmulatorMainTest {
    @TempDir Path tmp;

    @Test
    void printsExactlyOneReadyLineWithTheRealPortWhenStartedOnPortZero() throws Exception {
        try (EmulatorProcess p = EmulatorProcess.start(tmp, "--port", "0", "--in-memory")) {
            String endpoint = p.awaitReady();
            assertThat(p.stdoutLines())
                    .singleElement()
                    .asString()
                    .matches("DataHub emulator listening on http://127\\.0\\.0\\.1:[0-9]+");
            int port = URI.create(endpoint).getPort();
            assertThat(port).isPositive();
            try (DataHubClient client = p.client(endpoint)) {
                client.createProject("cli_ready", "over the printed port");
                assertThat(client.listProject().getProjectNames()).containsExactly("cli_ready");
            }
            assertThat(p.terminate()).isIn(EmulatorProcess.CLEAN_STOP);
            assertThat(p.stdoutLines()).hasSize(1);
            assertThat(p.stderr()).contains("in memory").contains("stopped, store closed");
        }
    }

    @Test
    void sigtermStopsCleanlyAndARestartOnTheDataDirectoryFindsEverything() {
        Path data = tmp.resolve("data");
        RecordSchema schema =
                RecordSchema.fromLists(List.of("id"), List.of(FieldType.BIGINT), List.of(true));
        try (EmulatorProcess first =
                EmulatorProcess.start(tmp, "--port", "0", "--data-dir", data.toString())) {
            String endpoint = first.awaitReady();
            try (DataHubClient client = first.client(endpoint)) {
                client.createProject("cli_term", "kept");
                client.createTupleTopic("cli_term", "events", 2, 3, schema, "kept too");
            }
            assertThat(first.terminate()).isIn(EmulatorProcess.CLEAN_STOP);
            assertThat(first.stderr())
                    .contains("data in " + data.toAbsolutePath())
                    .contains("stopped, store closed");
            assertThat(first.stdoutLines()).hasSize(1);
        }
        try (EmulatorProcess second =
                        EmulatorProcess.start(tmp, "--port", "0", "--data-dir", data.toString());
                DataHubClient client = second.client(second.awaitReady())) {
            assertThat(client.getProject("cli_term").getComment()).isEqualTo("kept");
            assertThat(client.getTopic("cli_term", "events").getRecordSchema()).isEqualTo(schema);
            assertThat(client.getTopic("cli_term", "events").getShardCount()).isEqualTo(2);
            assertThat(second.terminate()).isIn(EmulatorProcess.CLEAN_STOP);
        }
    }

    @Test
    void givenCredentialsReplaceTheDefaultAccountAndTheKeyIsNeverPrinted() {
        try (EmulatorProcess p =
                EmulatorProcess.start(
                        tmp,
                        "--port",
                        "0",
                        "--in-memory",
                        "--access-id",
                        "cli_id",
                        "--access-key",
                        "cli-very-secret-key")) {
            String endpoint = p.awaitReady();
            try (DataHubClient own = p.client(endpoint, "cli_id", "cli-very-secret-key");
                    DataHubClient defaults = p.client(endpoint)) {
                own.createProject("cli_creds", "");
                assertThatThrownBy(defaults::listProject)
                        .isInstanceOf(AuthorizationFailedException.class);
            }
            assertThat(p.terminate()).isIn(EmulatorProcess.CLEAN_STOP);
            assertThat(p.stderr()).contains("cli_id").doesNotContain("cli-very-secret-key");
        }
    }

    @Test
    void faultsOptionInstallsAGlobalRule() throws Exception {
        try (EmulatorProcess p =
                EmulatorProcess.start(
                        tmp,
                        "--port",
                        "0",
                        "--in-memory",
                        "--faults",
                        "{\"throttleRate\":1.0,\"maxFaults\":1}")) {
            String endpoint = p.awaitReady();
            HttpResponse<String> rules =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(endpoint + "/__emulator/faults"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(rules.body()).contains("\"*\":{\"throttleRate\":1.0");
            try (DataHubClient client = p.client(endpoint)) {
                assertThatThrownBy(client::listProject).isInstanceOf(LimitExceededException.class);
                assertThat(client.listProject().getProjectNames()).isEmpty();
            }
            assertThat(p.terminate()).isIn(EmulatorProcess.CLEAN_STOP);
        }
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--bogus"), "unknown option '--bogus'"),
                Arguments.of(List.of("--port", "abc"), "--port needs a number 0..65535, got 'abc'"),
                Arguments.of(
                        List.of("--port", "70000"), "--port needs a number 0..65535, got '70000'"),
                Arguments.of(List.of("--port"), "--port needs a value"),
                Arguments.of(List.of("--data-dir", "--in-memory"), "--data-dir needs a value"),
                Arguments.of(
                        List.of("--data-dir", "d", "--in-memory"),
                        "--data-dir and --in-memory exclude each other"),
                Arguments.of(
                        List.of("--access-id", "only"), "--access-id and --access-key go together"),
                Arguments.of(
                        List.of("--shard-opening-delay-ms", "-5"),
                        "--shard-opening-delay-ms needs a number >= 0"),
                Arguments.of(
                        List.of("--faults", "{\"throttle\":1}"),
                        "--faults: Unknown fault setting 'throttle'"),
                Arguments.of(
                        List.of("--faults", "{\"throttleRate\":2}"),
                        "--faults: Fault setting 'throttleRate' is a probability in [0, 1], got 2.0"),
                Arguments.of(
                        List.of("--faults", "nope"),
                        "--faults: A fault rule must be a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorsExitWith2AndSayWhatIsWrong(List<String> args, String message) {
        try (EmulatorProcess p = EmulatorProcess.start(tmp, args.toArray(new String[0]))) {
            assertThat(p.exitCode(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(p.stdoutLines()).isEmpty();
            assertThat(p.stderr()).contains("datahub-emulator: " + message).contains("Usage:");
        }
    }

    @Test
    void helpPrintsTheUsageWithTheDefaultsOnStderrAndExits0() {
        try (EmulatorProcess p = EmulatorProcess.start(tmp, "--help")) {
            assertThat(p.exitCode(Duration.ofSeconds(60))).isZero();
            assertThat(p.stdoutLines()).isEmpty();
            assertThat(p.stderr())
                    .contains("Usage:")
                    .contains("--data-dir DIR")
                    .contains("--in-memory")
                    .contains("--faults JSON")
                    .contains("default 9180")
                    .contains("default emulator)")
                    .contains("default emulator-secret)");
        }
    }

    @Test
    void aPortInUseExitsWith1() throws Exception {
        try (ServerSocket taken =
                        new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                EmulatorProcess p =
                        EmulatorProcess.start(
                                tmp,
                                "--port",
                                Integer.toString(taken.getLocalPort()),
                                "--in-memory")) {
            assertThat(p.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(p.stdoutLines()).isEmpty();
            assertThat(p.stderr())
                    .contains("cannot start")
                    .contains(Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void aDataDirectoryInUseByAnotherEmulatorExitsWith1AndSaysSo() {
        Path data = tmp.resolve("shared");
        try (EmulatorProcess first =
                EmulatorProcess.start(tmp, "--port", "0", "--data-dir", data.toString())) {
            first.awaitReady();
            try (EmulatorProcess second =
                    EmulatorProcess.start(tmp, "--port", "0", "--data-dir", data.toString())) {
                assertThat(second.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
                assertThat(second.stdoutLines()).isEmpty();
                assertThat(second.stderr())
                        .contains("cannot start")
                        .contains("is another emulator using " + data.toAbsolutePath());
            }
            assertThat(first.terminate()).isIn(EmulatorProcess.CLEAN_STOP);
        }
        assertThat(Files.exists(data.resolve("datahub.mv.db"))).isTrue();
    }
}
