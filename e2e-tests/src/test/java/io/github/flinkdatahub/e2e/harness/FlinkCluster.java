package io.github.flinkdatahub.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A standalone Flink session cluster started the way Flink's scripts start one, from the jars a
 * distribution keeps in lib/: one JobManager JVM, TaskManager JVMs, and the SQL Gateway JVM.
 */
public final class FlinkCluster implements AutoCloseable {

    public static final int SLOTS_PER_TASK_MANAGER = 2;

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    /** What Flink's default config.yaml passes to every JVM on Java 17 (env.java.opts.all). */
    private static final List<String> JAVA_MODULE_FLAGS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /** Small and quick to start on a 2-core machine; the GC choice keeps idle JVMs lean. */
    private static final List<String> COMMON_JVM_FLAGS =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static final String BASH_JAVA_UTILS_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final Path lib;
    private final Path confDir;
    private final Path workDir;
    private final Path logsDir;
    private final int restPort;
    private final int gatewayPort;
    private final JsonHttp rest;
    private final AtomicInteger taskManagerCounter = new AtomicInteger();
    private final List<ManagedProcess> taskManagers = new CopyOnWriteArrayList<>();
    private ManagedProcess jobManager;
    private ManagedProcess sqlGateway;
    private List<String> taskManagerJvmParams;
    private List<String> taskManagerDynamicConfigs;

    private FlinkCluster(Path lib, Path workDir, Path logsDir) {
        this.lib = lib;
        this.workDir = workDir;
        this.logsDir = logsDir;
        this.confDir = workDir.resolve("conf");
        this.restPort = Ports.free();
        this.gatewayPort = Ports.free();
        this.rest =
                new JsonHttp(
                        URI.create("http://127.0.0.1:" + restPort + "/"),
                        "the JobManager log " + logsDir.resolve("flink-jobmanager.log"));
    }

    /**
     * Starts a JobManager, {@code taskManagers} TaskManagers with {@link #SLOTS_PER_TASK_MANAGER}
     * slots each, and the SQL Gateway; returns once all are up.
     */
    public static FlinkCluster start(Path lib, Path workDir, Path logsDir, int taskManagers) {
        FlinkCluster cluster = new FlinkCluster(lib, workDir, logsDir);
        try {
            cluster.writeConfiguration();
            cluster.startJobManager();
            cluster.computeTaskManagerParams();
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers);
            cluster.startSqlGateway();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void writeConfiguration() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "localhost");
        config.put("jobmanager.rpc.port", String.valueOf(Ports.free()));
        config.put("jobmanager.bind-host", "localhost");
        config.put("jobmanager.memory.process.size", "1024m");
        config.put("taskmanager.bind-host", "localhost");
        config.put("taskmanager.host", "localhost");
        config.put("taskmanager.memory.process.size", "1280m");
        config.put("taskmanager.memory.managed.size", "64m");
        config.put("taskmanager.numberOfTaskSlots", String.valueOf(SLOTS_PER_TASK_MANAGER));
        config.put("parallelism.default", "2");
        // Jobs use slots of both TaskManagers, so killing either one hits a running job.
        config.put("cluster.evenly-spread-out-slots", "true");
        config.put("rest.address", "localhost");
        config.put("rest.bind-address", "localhost");
        config.put("rest.port", String.valueOf(restPort));
        // A killed TaskManager is noticed in seconds, not after the default 50 s.
        config.put("heartbeat.interval", "1 s");
        config.put("heartbeat.timeout", "8 s");
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", "20");
        config.put("restart-strategy.fixed-delay.delay", "2 s");
        config.put("execution.checkpointing.interval", "2 s");
        config.put(
                "execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
        config.put("execution.target", "remote");
        config.put("sql-gateway.endpoint.rest.address", "localhost");
        config.put("sql-gateway.endpoint.rest.bind-address", "localhost");
        config.put("sql-gateway.endpoint.rest.port", String.valueOf(gatewayPort));
        StringBuilder yaml = new StringBuilder("# Written by the e2e tests' FlinkCluster.\n");
        config.forEach(
                (key, value) -> yaml.append(key).append(": \"").append(value).append("\"\n"));
        try {
            Files.createDirectories(confDir);
            Files.createDirectories(workDir.resolve("plugins"));
            Files.writeString(confDir.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
            Files.writeString(
                    confDir.resolve("log4j.properties"),
                    String.join(
                            "\n",
                            "rootLogger.level = INFO",
                            "rootLogger.appenderRef.file.ref = MainAppender",
                            "appender.main.name = MainAppender",
                            "appender.main.type = File",
                            "appender.main.append = true",
                            "appender.main.fileName = ${sys:log.file}",
                            "appender.main.layout.type = PatternLayout",
                            "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                            "logger.shaded_zookeeper.name = org.apache.flink.shaded.zookeeper3",
                            "logger.shaded_zookeeper.level = WARN",
                            ""),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startJobManager() {
        List<String> resourceParams = bashJavaUtils("GET_JM_RESOURCE_PARAMS");
        List<String> command = javaCommand("flink-jobmanager", split(resourceParams.get(0)));
        command.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        command.add("--configDir");
        command.add(confDir.toString());
        command.addAll(split(resourceParams.get(1)));
        jobManager =
                ManagedProcess.start(
                        "flink-jobmanager",
                        command,
                        environment(),
                        workDir,
                        logsDir.resolve("flink-jobmanager.log"));
        Wait.until(
                "the JobManager's REST endpoint on port " + restPort,
                STARTUP_TIMEOUT,
                jobManager::diagnostics,
                () -> {
                    jobManager.checkAlive();
                    return Optional.of(rest.get("overview"));
                });
    }

    private void computeTaskManagerParams() {
        List<String> params = bashJavaUtils("GET_TM_RESOURCE_PARAMS");
        taskManagerJvmParams = split(params.get(0));
        taskManagerDynamicConfigs = split(params.get(1));
    }

    /**
     * Starts one more TaskManager JVM (as taskmanager.sh does); it registers with the JobManager.
     */
    public ManagedProcess startTaskManager() {
        String name = "flink-taskmanager-" + taskManagerCounter.incrementAndGet();
        List<String> command = javaCommand(name, taskManagerJvmParams);
        command.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
        command.add("--configDir");
        command.add(confDir.toString());
        command.addAll(taskManagerDynamicConfigs);
        ManagedProcess taskManager =
                ManagedProcess.start(
                        name, command, environment(), workDir, logsDir.resolve(name + ".log"));
        taskManagers.add(taskManager);
        return taskManager;
    }

    /** Kills a TaskManager JVM like a machine failure would: SIGKILL, no deregistration. */
    public void killTaskManager(ManagedProcess taskManager) {
        taskManager.kill();
        taskManagers.remove(taskManager);
    }

    public List<ManagedProcess> taskManagers() {
        return List.copyOf(taskManagers);
    }

    /** Waits until exactly {@code count} TaskManagers are registered (killed ones are gone). */
    public void awaitTaskManagers(int count) {
        Wait.untilTrue(
                count + " registered TaskManagers",
                STARTUP_TIMEOUT,
                this::diagnostics,
                () -> {
                    jobManager.checkAlive();
                    taskManagers.forEach(ManagedProcess::checkAlive);
                    return rest.get("taskmanagers").path("taskmanagers").size() == count;
                });
    }

    private void startSqlGateway() {
        List<String> command = javaCommand("flink-sql-gateway", List.of("-Xmx768m"));
        command.add("org.apache.flink.table.gateway.SqlGateway");
        sqlGateway =
                ManagedProcess.start(
                        "flink-sql-gateway",
                        command,
                        environment(),
                        workDir,
                        logsDir.resolve("flink-sql-gateway.log"));
        JsonHttp gateway = new JsonHttp(gatewayUri(), sqlGateway.logFile().toString());
        Wait.until(
                "the SQL Gateway's REST endpoint on port " + gatewayPort,
                STARTUP_TIMEOUT,
                sqlGateway::diagnostics,
                () -> {
                    sqlGateway.checkAlive();
                    return Optional.of(gateway.get("v1/info"));
                });
    }

    public URI gatewayUri() {
        return URI.create("http://127.0.0.1:" + gatewayPort + "/");
    }

    public URI restUri() {
        return rest.base();
    }

    /** GET on the JobManager's REST API, e.g. {@code jobs/overview}. */
    public JsonNode restGet(String path) {
        return rest.get(path);
    }

    /** State of a job as the JobManager reports it, e.g. RUNNING. */
    public String jobState(String jobId) {
        return rest.get("jobs/" + jobId).path("state").asText();
    }

    public void awaitJobState(String jobId, String state, Duration timeout) {
        Wait.untilTrue(
                "job " + jobId + " to be " + state,
                timeout,
                this::diagnostics,
                () -> state.equals(jobState(jobId)));
    }

    /** Completed checkpoints of a job. */
    public long completedCheckpoints(String jobId) {
        return rest.get("jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /**
     * Failures the job recovered from or is recovering from, from its exception history (the
     * numRestarts metric is only refreshed every 10 s by the REST metric fetcher).
     */
    public int failures(String jobId) {
        return rest.get("jobs/" + jobId + "/exceptions")
                .path("exceptionHistory")
                .path("entries")
                .size();
    }

    /** Ids of the TaskManagers running at least one task of the job. */
    public Set<String> taskManagersOf(String jobId) {
        Set<String> ids = new HashSet<>();
        for (JsonNode vertex : rest.get("jobs/" + jobId).path("vertices")) {
            JsonNode perTm =
                    rest.get(
                            "jobs/"
                                    + jobId
                                    + "/vertices/"
                                    + vertex.path("id").asText()
                                    + "/taskmanagers");
            for (JsonNode tm : perTm.path("taskmanagers")) {
                ids.add(tm.path("taskmanager-id").asText());
            }
        }
        return ids;
    }

    /**
     * The TaskManager process behind a TaskManager id (its log names the id it registered with).
     */
    public ManagedProcess taskManagerProcess(String taskManagerId) {
        for (ManagedProcess taskManager : taskManagers) {
            if (taskManager.readLog().contains(taskManagerId)) {
                return taskManager;
            }
        }
        throw new IllegalStateException(
                "no TaskManager log names " + taskManagerId + "; see " + logsDir);
    }

    /** Cancels every job that still runs, so the next test finds all slots free. */
    public void cancelAllJobs() {
        for (JsonNode job : rest.get("jobs/overview").path("jobs")) {
            String state = job.path("state").asText();
            if (!Set.of("FINISHED", "CANCELED", "FAILED").contains(state)) {
                String jobId = job.path("jid").asText();
                rest.patch("jobs/" + jobId + "?mode=cancel", Map.of());
                Wait.untilTrue(
                        "job " + jobId + " to be cancelled",
                        Duration.ofSeconds(120),
                        this::diagnostics,
                        () -> Set.of("CANCELED", "FINISHED", "FAILED").contains(jobState(jobId)));
            }
        }
    }

    public String diagnostics() {
        return "the logs in "
                + logsDir
                + " ("
                + (jobManager == null ? "" : jobManager.diagnostics())
                + taskManagers.stream()
                        .map(ManagedProcess::diagnostics)
                        .map(d -> "; " + d)
                        .collect(Collectors.joining())
                + (sqlGateway == null ? "" : "; " + sqlGateway.diagnostics())
                + ")";
    }

    /**
     * Runs BashJavaUtils as Flink's config.sh does; returns its two result lines (JVM params,
     * dynamic configs).
     */
    private List<String> bashJavaUtils(String command) {
        List<String> cmd = javaCommand("bash-java-utils", List.of("-Xmx128m"));
        cmd.add("org.apache.flink.runtime.util.bash.BashJavaUtils");
        cmd.add(command);
        cmd.add("--configDir");
        cmd.add(confDir.toString());
        Path log = logsDir.resolve("bash-java-utils-" + command + ".log");
        try (ManagedProcess process =
                ManagedProcess.start(
                        "BashJavaUtils " + command, cmd, environment(), workDir, log)) {
            Wait.untilTrue(
                    "BashJavaUtils " + command + " to finish",
                    Duration.ofSeconds(120),
                    process::diagnostics,
                    () -> !process.isAlive());
            List<String> results =
                    process.readLog()
                            .lines()
                            .filter(line -> line.startsWith(BASH_JAVA_UTILS_PREFIX))
                            .map(line -> line.substring(BASH_JAVA_UTILS_PREFIX.length()))
                            .collect(Collectors.toList());
            if (results.size() != 2) {
                throw new IllegalStateException(
                        "BashJavaUtils "
                                + command
                                + " printed "
                                + results.size()
                                + " result lines instead of 2; see "
                                + log);
            }
            return results;
        }
    }

    private List<String> javaCommand(String logName, List<String> jvmParams) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmParams);
        command.addAll(COMMON_JVM_FLAGS);
        command.addAll(JAVA_MODULE_FLAGS);
        command.add("-Dlog.file=" + logsDir.resolve(logName + ".log"));
        command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        command.add("-classpath");
        command.add(lib.resolve("*").toString());
        return command;
    }

    private Map<String, String> environment() {
        return Map.of(
                "FLINK_CONF_DIR", confDir.toString(),
                "FLINK_LIB_DIR", lib.toString(),
                "FLINK_PLUGINS_DIR", workDir.resolve("plugins").toString());
    }

    private static List<String> split(String params) {
        return Arrays.stream(params.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        // The gateway first: it may still hold sessions that submit to the cluster.
        if (sqlGateway != null) {
            sqlGateway.close();
        }
        taskManagers.forEach(ManagedProcess::close);
        taskManagers.clear();
        if (jobManager != null) {
            jobManager.close();
        }
    }
}
