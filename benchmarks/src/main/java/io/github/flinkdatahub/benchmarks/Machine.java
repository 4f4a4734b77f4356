package io.github.flinkdatahub.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/** The machine the figures came from, as the README quotes it. */
final class Machine {
    private Machine() {}

    static String describe() {
        return "Machine: "
                + cpuModel()
                + ", "
                + Runtime.getRuntime().availableProcessors()
                + " CPUs (nproc), "
                + memory()
                + " RAM; Java "
                + System.getProperty("java.vm.name")
                + " "
                + System.getProperty("java.runtime.version")
                + " ("
                + System.getProperty("java.vendor")
                + "); "
                + System.getProperty("os.name")
                + " "
                + System.getProperty("os.version")
                + " "
                + System.getProperty("os.arch")
                + "; "
                + loadAverage();
    }

    /** Other work on the machine skews every figure; the load average says how much there was. */
    static String loadAverage() {
        List<String> l = lines(Paths.get("/proc/loadavg"));
        if (l.isEmpty()) {
            return "load average unknown";
        }
        String[] f = l.get(0).split(" ");
        return "load average (1/5/15 min) " + f[0] + " " + f[1] + " " + f[2];
    }

    static String summary() {
        return Runtime.getRuntime().availableProcessors()
                + " CPUs, "
                + memory()
                + ", Java "
                + System.getProperty("java.specification.version");
    }

    private static String cpuModel() {
        for (String line : lines(Paths.get("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown CPU";
    }

    private static String memory() {
        for (String line : lines(Paths.get("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
