package io.github.flinkdatahub.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run: printed as a table, written as CSV, and the charted ones drawn by {@link
 * BarChart}.
 */
final class Report {
    /**
     * One figure; {@code panel} names the chart panel it is drawn in, null when it is only
     * tabulated.
     */
    static final class Figure {
        final String section;
        final String name;
        final double value;
        final String unit;
        final String panel;

        Figure(String section, String name, double value, String unit, String panel) {
            this.section = section;
            this.name = name;
            this.value = value;
            this.unit = unit;
            this.panel = panel;
        }
    }

    private final List<Figure> figures = new ArrayList<>();

    synchronized void add(String section, String name, double value, String unit) {
        add(section, name, value, unit, null);
    }

    synchronized void add(String section, String name, double value, String unit, String panel) {
        figures.add(new Figure(section, name, value, unit, panel));
        System.out.printf(Locale.ROOT, "  %-58s %14s %s%n", name, format(value), unit);
    }

    synchronized List<Figure> figures() {
        return new ArrayList<>(figures);
    }

    void printTable(PrintStream out) {
        Map<String, List<Figure>> bySection = new LinkedHashMap<>();
        for (Figure f : figures()) {
            bySection.computeIfAbsent(f.section, s -> new ArrayList<>()).add(f);
        }
        String rule = "-".repeat(96);
        out.println(rule);
        for (Map.Entry<String, List<Figure>> e : bySection.entrySet()) {
            out.println(e.getKey());
            for (Figure f : e.getValue()) {
                out.printf(Locale.ROOT, "  %-66s %14s  %s%n", f.name, format(f.value), f.unit);
            }
            out.println(rule);
        }
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("section,name,value,unit\n");
        for (Figure f : figures()) {
            sb.append(csv(f.section))
                    .append(',')
                    .append(csv(f.name))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.4f", f.value))
                    .append(',')
                    .append(csv(f.unit))
                    .append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Thousands separated above 100, two decimals below. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100
                ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
