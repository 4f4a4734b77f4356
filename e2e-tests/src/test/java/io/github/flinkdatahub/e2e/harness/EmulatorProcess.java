package io.github.flinkdatahub.e2e.harness;

import io.github.flinkdatahub.client.DataHubClient;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The emulator's runnable jar as its own process: in memory, or durable for restarts. */
public final class EmulatorProcess implements AutoCloseable {

    public static final String ACCESS_ID = "emulator";
    public static final String ACCESS_KEY = "emulator-secret";

    private static final Pattern READY_LINE =
            Pattern.compile("DataHub emulator listening on (http://\\S+)");

    private final ManagedProcess process;
    private final String endpoint;
    private final List<String> command;
    private final Path workDir;

    private EmulatorProcess(
            ManagedProcess process, String endpoint, List<String> command, Path workDir) {
        this.process = process;
        this.endpoint = endpoint;
        this.command = command;
        this.workDir = workDir;
    }

    /** An in-memory emulator on a free port: the shared environment's. */
    public static EmulatorProcess start(Path jar, Path workDir, Path logsDir) {
        return start(
                command(jar, "--port", "0", "--in-memory"),
                workDir,
                logsDir.resolve("datahub-emulator.log"));
    }

    /**
     * A durable emulator (its data in {@code dataDir}) on a port of its own with a global fault
     * rule ({@code --faults}), so that {@link #killAndRestart()} brings it back at the same
     * endpoint with the same data, as an operator restarting a crashed server would.
     */
    public static EmulatorProcess startDurable(
            Path jar, Path workDir, Path logsDir, Path dataDir, String faultsJson) {
        return start(
                command(
                        jar,
                        "--port",
                        String.valueOf(Ports.free()),
                        "--data-dir",
                        dataDir.toString(),
                        "--faults",
                        faultsJson),
                workDir,
                logsDir.resolve("datahub-emulator-durable.log"));
    }

    /** {@code kill -9}, then the same command again: same port, same data directory. */
    public EmulatorProcess killAndRestart() {
        process.kill();
        return start(command, workDir, process.logFile());
    }

    private static List<String> command(Path jar, String... arguments) {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(
                        List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return List.copyOf(command);
    }

    private static EmulatorProcess start(List<String> command, Path workDir, Path logFile) {
        ManagedProcess process =
                ManagedProcess.start("datahub-emulator", command, Map.of(), workDir, logFile);
        try {
            String endpoint = process.awaitLogLine(READY_LINE, Duration.ofSeconds(120));
            return new EmulatorProcess(process, endpoint, command, workDir);
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return endpoint;
    }

    /** How many requests this process refused with a throttling error (its fault counters). */
    public long throttledRequests() {
        return new JsonHttp(URI.create(endpoint + "/"), process.diagnostics())
                .get("__emulator/faults")
                .path("injected")
                .path("throttled")
                .asLong();
    }

    public DataHubClient newClient() {
        return DataHubClient.builder()
                .endpoint(endpoint)
                .credentials(ACCESS_ID, ACCESS_KEY)
                .build();
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
