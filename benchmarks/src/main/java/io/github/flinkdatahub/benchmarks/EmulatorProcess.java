package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator as its own JVM, started from its standalone jar as a user starts it, so that our
 * client and the SDK child reach it over HTTP alike and its CPU shows up as a separate process.
 */
final class EmulatorProcess implements AutoCloseable {
    static final String ACCESS_ID = "emulator";
    static final String ACCESS_KEY = "emulator-secret";

    private static final Pattern READY =
            Pattern.compile("DataHub emulator listening on (http://\\S+)");

    private final Process process;
    private final String endpoint;

    private EmulatorProcess(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * @param dataDir where a durable emulator keeps its data; null for an in-memory one
     */
    static EmulatorProcess start(Path jar, String name, Path dataDir, Path logDir)
            throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Emulator jar "
                            + jar
                            + " not found: build with ./bench.sh (it packages"
                            + " datahub-emulator first)");
        }
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Paths.get(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-Xmx2g",
                                "-cp",
                                jar.toString(),
                                "io.github.flinkdatahub.emulator.EmulatorMain",
                                "--port",
                                "0"));
        if (dataDir == null) {
            command.add("--in-memory");
        } else {
            command.add("--data-dir");
            command.add(dataDir.toString());
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve("emulator-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        CompletableFuture<String> ready =
                CompletableFuture.supplyAsync(() -> readReadyLine(process));
        try {
            return new EmulatorProcess(process, ready.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "The emulator '" + name + "' did not start; see " + log, e);
        }
    }

    /**
     * Reads stdout up to the ready line, then keeps draining it so the child never blocks on a full
     * pipe.
     */
    private static String readReadyLine(Process process) {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    Thread drain =
                            new Thread(
                                    () -> {
                                        try {
                                            while (out.readLine() != null) {
                                                // Only keeps the pipe empty.
                                            }
                                        } catch (IOException ignored) {
                                            // The process ended.
                                        }
                                    },
                                    "emulator-stdout-drain");
                    drain.setDaemon(true);
                    drain.start();
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the emulator's standard output", e);
        }
        throw new IllegalStateException("The emulator exited before it was ready");
    }

    String endpoint() {
        return endpoint;
    }

    DataHubClient client(WireMode mode) {
        return DataHubClient.builder()
                .endpoint(endpoint)
                .credentials(ACCESS_ID, ACCESS_KEY)
                .wireMode(mode)
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
