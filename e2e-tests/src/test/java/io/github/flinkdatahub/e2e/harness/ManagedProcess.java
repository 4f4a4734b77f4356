package io.github.flinkdatahub.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM (or any program) the tests started, with its output in a log file. Every live process is
 * also killed by a shutdown hook, so an aborted test run leaves no cluster behind.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> LIVE.forEach(ManagedProcess::kill), "e2e-process-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    /**
     * Where this process's output starts in its log: logs are appended to (a restarted process, a
     * second build without {@code clean}), and a line of an earlier process (an old emulator port,
     * an extra BashJavaUtils result) must never be taken for this one's.
     */
    private final long logOffset;

    private ManagedProcess(String name, Process process, Path logFile, long logOffset) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logOffset = logOffset;
    }

    /** Starts {@code command} with stdout and stderr appended to {@code logFile}. */
    public static ManagedProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workDir,
            Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
            Files.writeString(
                    logFile,
                    "### " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ManagedProcess started = new ManagedProcess(name, builder.start(), logFile, logOffset);
            LIVE.add(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + "; see " + logFile, e);
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails, naming the log file, when the process has already exited. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name
                            + " exited with code "
                            + process.exitValue()
                            + "; its log "
                            + logFile
                            + " ends with:\n"
                            + tail(40));
        }
    }

    /**
     * Waits until a log line matches {@code pattern} and returns the match's first group (or whole
     * match).
     */
    public String awaitLogLine(Pattern pattern, Duration timeout) {
        return Wait.until(
                name + " to log " + pattern.pattern(),
                timeout,
                this::diagnostics,
                () -> {
                    checkAlive();
                    Matcher matcher = pattern.matcher(readLog());
                    if (!matcher.find()) {
                        return Optional.empty();
                    }
                    return Optional.of(
                            matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
                });
    }

    /** The last lines of the log, for failure messages. */
    public String tail(int lines) {
        String[] all = readLog().split("\\R");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", List.of(all).subList(from, all.length));
    }

    public String diagnostics() {
        return name
                + " (pid "
                + process.pid()
                + (process.isAlive() ? ", running" : ", exited")
                + "), log "
                + logFile;
    }

    /** This process's part of the log. */
    public String readLog() {
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.READ)) {
            channel.position(logOffset);
            return new String(
                    Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@code kill -9}: no shutdown hooks, no goodbye to the cluster. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM first, then SIGKILL after a grace period. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(Duration.ofSeconds(15))) {
                kill();
            }
        }
        LIVE.remove(this);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                LIVE.remove(this);
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
