package io.github.flinkdatahub.emulator.cli;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.EmulatorMain;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The emulator's command line run as a child process, the way users run the jar: from the test
 * class path (main classes and runtime dependencies; the test-only log4j binding is left out so
 * that logging goes where the jar's slf4j-simple sends it) or from a jar. Captures every stdout
 * line and stderr into a file.
 */
public final class EmulatorProcess implements AutoCloseable {
    /**
     * Exit codes of a clean stop on SIGTERM: 143 (128 + 15) after the shutdown hooks ran; 0 is also
     * fine.
     */
    public static final List<Integer> CLEAN_STOP = List.of(0, 143);

    /** Exit code after SIGKILL (128 + 9). */
    public static final int KILLED = 137;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path stderrFile;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstLineOrEnd = new CountDownLatch(1);
    private final Thread reader;

    private EmulatorProcess(List<String> command, Path stderrFile) {
        this.stderrFile = stderrFile;
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderrFile.toFile());
        try {
            this.process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the child reads nothing from stdin either way
        }
        this.reader = new Thread(this::readStdout, "emulator-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code EmulatorMain} with {@code args} from the test class path. */
    public static EmulatorProcess start(Path workDir, String... args) {
        return start(workDir, List.of(), args);
    }

    /** As {@link #start(Path, String...)}, with options for the JVM such as {@code -Xmx64m}. */
    public static EmulatorProcess start(Path workDir, List<String> jvmOptions, String... args) {
        String classPath =
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .filter(
                                entry ->
                                        !entry.contains("log4j") && !entry.endsWith("test-classes"))
                        .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, EmulatorMain.class.getName()));
        command.addAll(List.of(args));
        return new EmulatorProcess(command, stderrFile(workDir));
    }

    /** Runs {@code java -jar jar args}. */
    public static EmulatorProcess startJar(Path jar, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new EmulatorProcess(command, stderrFile(workDir));
    }

    /** Waits for the ready line and returns the endpoint it names. */
    public String awaitReady() {
        try {
            if (!firstLineOrEnd.await(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        "The emulator printed no ready line within "
                                + READY_TIMEOUT
                                + "; stderr:\n"
                                + stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the emulator", e);
        }
        if (stdout.isEmpty()) {
            throw new AssertionError(
                    "The emulator ended without a ready line (exit "
                            + exitCode(Duration.ofSeconds(10))
                            + "); stderr:\n"
                            + stderr());
        }
        String line = stdout.get(0);
        if (!line.startsWith(EmulatorMain.READY_LINE_PREFIX)) {
            throw new AssertionError("Unexpected first stdout line: " + line);
        }
        return line.substring(EmulatorMain.READY_LINE_PREFIX.length());
    }

    /** A client with the default credentials, failing fast (no retries). */
    public DataHubClient client(String endpoint) {
        return client(
                endpoint, DataHubEmulator.DEFAULT_ACCESS_ID, DataHubEmulator.DEFAULT_ACCESS_KEY);
    }

    public DataHubClient client(String endpoint, String accessId, String accessKey) {
        return DataHubClient.builder()
                .endpoint(endpoint)
                .credentials(accessId, accessKey)
                .retryPolicy(RetryPolicy.none())
                .build();
    }

    /** Sends SIGTERM and waits for the exit code. */
    public int terminate() {
        process.destroy();
        return exitCode(Duration.ofSeconds(60));
    }

    /** Sends SIGKILL (no shutdown hook runs) and waits until the process is gone. */
    public int kill() {
        process.destroyForcibly();
        return exitCode(Duration.ofSeconds(60));
    }

    /** Waits for the process to end by itself. */
    public int exitCode(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        "The emulator did not end within " + timeout + "; stderr:\n" + stderr());
            }
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the emulator", e);
        }
        return process.exitValue();
    }

    /** Every line printed on stdout so far (all of them once the process ended). */
    public List<String> stdoutLines() {
        return List.copyOf(stdout);
    }

    public String stderr() {
        try {
            return Files.readString(stderrFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + stderrFile + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            exitCode(Duration.ofSeconds(60));
        }
    }

    private void readStdout() {
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                stdout.add(line);
                firstLineOrEnd.countDown();
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        } finally {
            firstLineOrEnd.countDown();
        }
    }

    private static Path stderrFile(Path workDir) {
        try {
            return Files.createTempFile(workDir, "emulator-stderr-", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
