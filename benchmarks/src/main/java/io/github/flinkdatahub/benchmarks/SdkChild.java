package io.github.flinkdatahub.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The SDK side's JVM ({@code SdkBenchmark}), driven one command line at a time over its stdin. */
final class SdkChild implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path log;

    private SdkChild(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static SdkChild start(List<String> command, Path log) throws Exception {
        return new SdkChild(new ProcessBuilder(command).redirectError(log.toFile()).start(), log);
    }

    /**
     * Sends {@code WARM i} or {@code RUN i}; returns {putNanos, getNanos, putCpuNanos, getCpuNanos}
     * of a run, null for a warm-up.
     */
    long[] call(String command) throws Exception {
        in.write(command + "\n");
        in.flush();
        String line;
        while ((line = out.readLine()) != null) {
            String[] f = line.split(" ");
            if ("OK".equals(f[0])) {
                return null;
            }
            if ("RESULT".equals(f[0])) {
                return new long[] {
                    Long.parseLong(f[2]),
                    Long.parseLong(f[3]),
                    Long.parseLong(f[4]),
                    Long.parseLong(f[5])
                };
            }
        }
        throw new IllegalStateException(
                "The SDK child JVM ended during '" + command + "'; see " + log);
    }

    @Override
    public void close() throws Exception {
        in.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
