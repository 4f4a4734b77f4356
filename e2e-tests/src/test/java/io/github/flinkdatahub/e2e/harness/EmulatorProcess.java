package io.github.flinkdatahub.e2e.harness;

import io.github.flinkdatahub.client.DataHubClient;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The emulator's runnable jar as its own process, keeping everything in memory. */
public final class EmulatorProcess implements AutoCloseable {

    public static final String ACCESS_ID = "emulator";
    public static final String ACCESS_KEY = "emulator-secret";

    private static final Pattern READY_LINE =
            Pattern.compile("DataHub emulator listening on (http://\\S+)");

    private final ManagedProcess process;
    private final String endpoint;

    private EmulatorProcess(ManagedProcess process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static EmulatorProcess start(Path jar, Path workDir, Path logsDir) {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ManagedProcess process =
                ManagedProcess.start(
                        "datahub-emulator",
                        List.of(
                                java,
                                "-Xmx256m",
                                "-XX:+UseSerialGC",
                                "-jar",
                                jar.toString(),
                                "--port",
                                "0",
                                "--in-memory"),
                        Map.of(),
                        workDir,
                        logsDir.resolve("datahub-emulator.log"));
        try {
            String endpoint = process.awaitLogLine(READY_LINE, Duration.ofSeconds(120));
            return new EmulatorProcess(process, endpoint);
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return endpoint;
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
