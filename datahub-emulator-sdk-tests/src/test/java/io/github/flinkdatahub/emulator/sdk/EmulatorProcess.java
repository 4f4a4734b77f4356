package io.github.flinkdatahub.emulator.sdk;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator as a separate JVM, started from its standalone jar exactly as a user would start it,
 * so that none of its classes (protobuf 3, Jackson 2.18) meet the SDK's (protobuf 2.6, Jackson
 * 2.10). Closed (destroyed) when JUnit closes the store it lives in.
 */
final class EmulatorProcess implements ExtensionContext.Store.CloseableResource {
    static final String ACCESS_ID = "sdk_conformance_id";
    static final String ACCESS_KEY = "sdk-conformance-key";

    /** Set by the module's surefire configuration to the copied standalone jar. */
    static final String CLASSPATH_PROPERTY = "datahub.emulator.classpath";

    /**
     * Where each emulator's standard error goes, as {@code emulator-NAME.log}; set by surefire to
     * target/.
     */
    static final String LOG_DIR_PROPERTY = "datahub.emulator.log.dir";

    private static final Pattern READY =
            Pattern.compile("DataHub emulator listening on (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String endpoint;
    private final Path log;

    private EmulatorProcess(Process process, String endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /**
     * Starts an in-memory emulator on a free port with the test account, plus any extra options.
     */
    static EmulatorProcess start(String name, String... extraOptions) {
        String classpath = System.getProperty(CLASSPATH_PROPERTY);
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException(
                    "System property "
                            + CLASSPATH_PROPERTY
                            + " (the emulator's class path) is"
                            + " not set: run these tests through Maven, e.g. mvn verify -pl datahub-emulator-sdk-tests -am");
        }
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!Files.exists(Paths.get(entry))) {
                throw new IllegalStateException(
                        "Emulator class path entry "
                                + entry
                                + " does not exist: package the"
                                + " datahub-emulator module first (mvn verify -pl datahub-emulator-sdk-tests -am)");
            }
        }
        Path log =
                Paths.get(
                        System.getProperty(LOG_DIR_PROPERTY, "target"),
                        "emulator-" + name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classpath);
        command.add("io.github.flinkdatahub.emulator.EmulatorMain");
        command.add("--port");
        command.add("0");
        command.add("--in-memory");
        command.add("--access-id");
        command.add(ACCESS_ID);
        command.add("--access-key");
        command.add(ACCESS_KEY);
        command.addAll(List.of(extraOptions));
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the emulator process: " + command, e);
        }
        CompletableFuture<String> ready =
                CompletableFuture.supplyAsync(() -> readReadyLine(process));
        try {
            String endpoint = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new EmulatorProcess(process, endpoint, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while starting the emulator", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "The emulator did not print its ready line within "
                            + START_TIMEOUT
                            + "; its standard error is in "
                            + log.toAbsolutePath()
                            + ":\n"
                            + tail(log),
                    e);
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
                    Thread drain = new Thread(() -> drain(out), "emulator-stdout-drain");
                    drain.setDaemon(true);
                    drain.start();
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the emulator's standard output", e);
        }
        throw new IllegalStateException(
                "The emulator exited (status " + waitFor(process) + ") before it was ready");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // Nothing else is expected on stdout; reading only keeps the pipe empty.
            }
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code http://127.0.0.1:PORT} as printed by the emulator. */
    String endpoint() {
        return endpoint;
    }

    /** Where the child's standard error (its log) goes. */
    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
