package io.github.flinkdatahub.emulator;

import io.github.flinkdatahub.emulator.faults.FaultRule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The runnable jar:
 *
 * <pre>
 * java -jar datahub-emulator-VERSION.jar [--port N] [--host H] [--data-dir DIR | --in-memory]
 *     [--access-id ID --access-key KEY] [--shard-opening-delay-ms N] [--faults JSON]
 * </pre>
 *
 * <p>Prints exactly one line on standard output when it is ready to serve, {@code DataHub emulator
 * listening on http://127.0.0.1:PORT} (with the real port when started with {@code --port 0});
 * everything else goes to standard error, so scripts can wait for that line. SIGTERM or Ctrl-C stop
 * it cleanly: the server stops and the store is closed; the JVM then exits with 143 (128 +
 * SIGTERM), or 130 after Ctrl-C. Exit code 2 is a usage error, 1 a failure to start (port in use,
 * data directory locked by another emulator, ...).
 */
public final class EmulatorMain {
    /** The line printed on standard output once the emulator serves; the endpoint follows it. */
    public static final String READY_LINE_PREFIX = "DataHub emulator listening on ";

    static final String DEFAULT_DATA_DIR = "datahub-emulator-data";
    static final String ACCESS_ID_ENV = "DATAHUB_EMULATOR_ACCESS_ID";
    static final String ACCESS_KEY_ENV = "DATAHUB_EMULATOR_ACCESS_KEY";
    static final String USAGE =
            String.join(
                    System.lineSeparator(),
                    "Usage: java -jar datahub-emulator.jar [options]",
                    "  --port N                   port to listen on (default "
                            + DataHubEmulator.DEFAULT_PORT
                            + "; 0 = any free port, printed when ready)",
                    "  --host H                   interface to listen on (default 127.0.0.1)",
                    "  --data-dir DIR             keep data durably in DIR (default ./"
                            + DEFAULT_DATA_DIR
                            + ")",
                    "  --in-memory                keep nothing on disk",
                    "  --access-id ID             the account's access id (default "
                            + DataHubEmulator.DEFAULT_ACCESS_ID
                            + ")",
                    "  --access-key KEY           the account's access key (default "
                            + DataHubEmulator.DEFAULT_ACCESS_KEY
                            + "); give both or neither. It shows in the process list:"
                            + " prefer --access-key-file or the environment",
                    "  --access-key-file FILE     read the access key from FILE (surrounding"
                            + " whitespace ignored)",
                    "  Environment: "
                            + ACCESS_ID_ENV
                            + " and "
                            + ACCESS_KEY_ENV
                            + " stand for --access-id and --access-key when those are not given",
                    "  --shard-opening-delay-ms N how long new shards stay OPENING (default 0)",
                    "  --faults JSON              a fault rule for every request, e.g. '{\"throttleRate\":0.1}'",
                    "  --help                     this text");

    private EmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        // Standard output carries only the ready line: anything a library prints goes to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("datahub-emulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.err.println(USAGE);
            return;
        }
        DataHubEmulator emulator = options.builder.build();
        if (options.faults != null) {
            emulator.faults().setGlobal(options.faults);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean running = new AtomicBoolean();
        // Registered before start so that a SIGTERM arriving while starting also closes the store.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    emulator.close();
                                    if (running.get()) {
                                        System.err.println(
                                                "datahub-emulator: stopped, store closed");
                                    }
                                    stopped.countDown();
                                },
                                "datahub-emulator-shutdown"));
        try {
            emulator.start();
            running.set(true);
        } catch (RuntimeException e) {
            String hint =
                    String.valueOf(e.getMessage()).contains("locked")
                            ? " (is another emulator using "
                                    + options.dataDir.toAbsolutePath()
                                    + "?)"
                            : "";
            System.err.println("datahub-emulator: cannot start: " + e.getMessage() + hint);
            System.exit(1);
            return;
        }
        System.err.println(
                "datahub-emulator: "
                        + (options.inMemory
                                ? "in memory"
                                : "data in " + options.dataDir.toAbsolutePath())
                        + "; access id '"
                        + options.accessId()
                        + "'"
                        + (options.accessId == null
                                ? ", access key '"
                                        + DataHubEmulator.DEFAULT_ACCESS_KEY
                                        + "' (the documented defaults)"
                                : "")
                        + (options.faults == null ? "" : "; faults " + options.faults)
                        + "; admin endpoints under "
                        + emulator.endpoint()
                        + "/__emulator");
        stdout.println(READY_LINE_PREFIX + emulator.endpoint());
        stdout.flush();
        stopped.await();
    }

    /** The parsed command line. */
    static final class Options {
        final DataHubEmulator.Builder builder =
                DataHubEmulator.builder().port(DataHubEmulator.DEFAULT_PORT);
        Path dataDir = Paths.get(DEFAULT_DATA_DIR);
        boolean dataDirGiven;
        boolean inMemory;
        String accessId;
        String accessKey;
        FaultRule faults;
        boolean help;

        /**
         * @throws IllegalArgumentException with a message naming the bad option
         */
        static Options parse(String[] args) {
            return parse(args, System.getenv());
        }

        /** As {@link #parse(String[])}, with {@code env} as the process environment. */
        static Options parse(String[] args, Map<String, String> env) {
            Options o = new Options();
            String accessKeyFile = null;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--port":
                        o.builder.port(port(value(args, ++i, option)));
                        break;
                    case "--host":
                        o.builder.host(value(args, ++i, option));
                        break;
                    case "--data-dir":
                        o.dataDir = Paths.get(value(args, ++i, option));
                        o.dataDirGiven = true;
                        break;
                    case "--in-memory":
                        o.inMemory = true;
                        break;
                    case "--access-id":
                        o.accessId = value(args, ++i, option);
                        break;
                    case "--access-key":
                        o.accessKey = value(args, ++i, option);
                        break;
                    case "--access-key-file":
                        accessKeyFile = value(args, ++i, option);
                        break;
                    case "--shard-opening-delay-ms":
                        o.builder.shardOpeningDelay(
                                Duration.ofMillis(nonNegative(value(args, ++i, option), option)));
                        break;
                    case "--faults":
                        o.faults = faults(value(args, ++i, option));
                        break;
                    case "--help":
                    case "-h":
                        o.help = true;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            if (o.inMemory && o.dataDirGiven) {
                throw new IllegalArgumentException(
                        "--data-dir and --in-memory exclude each other; give one of them");
            }
            if (accessKeyFile != null) {
                if (o.accessKey != null) {
                    throw new IllegalArgumentException(
                            "--access-key and --access-key-file exclude each other; give one of them");
                }
                o.accessKey = readKey(Paths.get(accessKeyFile));
            }
            if (o.accessId == null) {
                o.accessId = env.get(ACCESS_ID_ENV);
            }
            if (o.accessKey == null) {
                o.accessKey = env.get(ACCESS_KEY_ENV);
            }
            if ((o.accessId == null) != (o.accessKey == null)) {
                throw new IllegalArgumentException(
                        "--access-id and --access-key go together; give both or neither");
            }
            if (o.accessId != null) {
                if (o.accessId.isEmpty() || o.accessKey.isEmpty()) {
                    throw new IllegalArgumentException(
                            "--access-id and --access-key must not be empty");
                }
                o.builder.account(o.accessId, o.accessKey);
            }
            if (o.inMemory) {
                o.builder.inMemory();
            } else {
                o.builder.dataDirectory(o.dataDir);
            }
            return o;
        }

        private static String readKey(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--access-key-file: cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        String accessId() {
            return accessId == null ? DataHubEmulator.DEFAULT_ACCESS_ID : accessId;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    "--port needs a number 0..65535, got '" + value + "'");
        }

        private static long nonNegative(String value, String option) {
            try {
                long v = Long.parseLong(value);
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    option + " needs a number >= 0, got '" + value + "'");
        }

        private static FaultRule faults(String json) {
            try {
                return FaultRule.fromJson(json);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--faults: " + e.getMessage(), e);
            }
        }
    }
}
