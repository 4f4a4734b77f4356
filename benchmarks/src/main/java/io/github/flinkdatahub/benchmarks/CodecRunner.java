package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.model.CompressFormat;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.List;
import java.util.Locale;

/** Runs {@link CodecBenchmark} through JMH's Java API and reports ops/s, MB/s and body sizes. */
final class CodecRunner {
    private static final String SECTION =
            "Codecs (JMH, 1 op = "
                    + CodecBenchmark.RECORDS
                    + " records; MB/s of record data, see RecordShapes#dataBytes)";
    private static final String SIZES = "Put body size per record (bytes on the wire)";
    private static final List<String> METHODS =
            List.of(
                    "jsonEncode",
                    "jsonDecode",
                    "protobufEncode",
                    "protobufDecode",
                    "batchEncode",
                    "batchDecode");

    private final Report report;
    private final boolean quick;

    CodecRunner(Report report, boolean quick) {
        this.report = report;
        this.quick = quick;
    }

    void run() throws Exception {
        for (String method : METHODS) {
            System.out.println(
                    "codecs: " + method + " (" + RecordShapes.values().length * 2 + " variants)");
            OptionsBuilder options = new OptionsBuilder();
            options.include(CodecBenchmark.class.getName() + "\\." + method + "$")
                    .verbosity(VerboseMode.SILENT)
                    .shouldFailOnError(true);
            if (quick) {
                options.forks(0)
                        .warmupIterations(0)
                        .measurementIterations(1)
                        .measurementTime(TimeValue.milliseconds(200));
            } else {
                options.forks(1)
                        .jvmArgsAppend("-Xmx1g")
                        .warmupIterations(2)
                        .warmupTime(TimeValue.seconds(1))
                        .measurementIterations(2)
                        .measurementTime(TimeValue.seconds(1));
            }
            Options built = options.build();
            for (RunResult r : new Runner(built).run()) {
                RecordShapes shape = RecordShapes.valueOf(r.getParams().getParam("shape"));
                String compression = r.getParams().getParam("compression").toLowerCase(Locale.ROOT);
                String name = label(method) + " " + shape + " " + compression;
                double ops = r.getPrimaryResult().getScore();
                report.add(
                        SECTION,
                        name,
                        ops * CodecBenchmark.RECORDS * shape.dataBytes() / 1e6,
                        "MB/s",
                        "Codecs: MB/s of record data (JMH)");
                report.add(SECTION, name, ops, "ops/s");
            }
        }
        for (String format : List.of("json", "protobuf", "batch")) {
            for (RecordShapes shape : RecordShapes.values()) {
                for (CompressFormat c : List.of(CompressFormat.NONE, CompressFormat.LZ4)) {
                    CodecBenchmark b = new CodecBenchmark();
                    b.shape = shape;
                    b.compression = c;
                    b.setUp();
                    report.add(
                            SIZES,
                            format
                                    + " "
                                    + shape
                                    + " "
                                    + c.name().toLowerCase(Locale.ROOT)
                                    + " (data "
                                    + shape.dataBytes()
                                    + " B)",
                            (double) b.putBodySize(format) / CodecBenchmark.RECORDS,
                            "B/record");
                }
            }
        }
    }

    /** "jsonEncode" -> "json encode". */
    private static String label(String method) {
        int split = method.length() - "Encode".length();
        return method.substring(0, split) + " " + method.substring(split).toLowerCase(Locale.ROOT);
    }
}
