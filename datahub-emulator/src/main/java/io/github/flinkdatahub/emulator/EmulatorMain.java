package io.github.flinkdatahub.emulator;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

/**
 * The runnable jar: {@code java -jar datahub-emulator.jar [--port N] [--data-dir DIR | --in-memory]
 * [--access-id ID --access-key KEY]}. Prints exactly one line on standard output when ready,
 * {@code DataHub emulator listening on http://127.0.0.1:PORT}; everything else goes to standard
 * error. Stops cleanly on SIGTERM / Ctrl-C.
 */
public final class EmulatorMain {
    static final String USAGE = "Usage: java -jar datahub-emulator.jar [--port N (default " + DataHubEmulator.DEFAULT_PORT
            + ", 0 = any free port)] [--host H (default 127.0.0.1)] [--data-dir DIR | --in-memory]"
            + " [--access-id ID --access-key KEY] [--shard-opening-delay-ms N]";

    private EmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        DataHubEmulator.Builder builder = DataHubEmulator.builder().port(DataHubEmulator.DEFAULT_PORT);
        String accessId = null;
        String accessKey = null;
        Path dataDir = Paths.get("datahub-emulator-data");
        boolean inMemory = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--port":
                        builder.port(Integer.parseInt(value(args, ++i, a)));
                        break;
                    case "--host":
                        builder.host(value(args, ++i, a));
                        break;
                    case "--data-dir":
                        dataDir = Paths.get(value(args, ++i, a));
                        break;
                    case "--in-memory":
                        inMemory = true;
                        break;
                    case "--access-id":
                        accessId = value(args, ++i, a);
                        break;
                    case "--access-key":
                        accessKey = value(args, ++i, a);
                        break;
                    case "--shard-opening-delay-ms":
                        builder.shardOpeningDelay(java.time.Duration.ofMillis(Long.parseLong(value(args, ++i, a))));
                        break;
                    case "--help":
                    case "-h":
                        System.err.println(USAGE);
                        return;
                    default:
                        throw new IllegalArgumentException("Unknown option " + a);
                }
            }
            if ((accessId == null) != (accessKey == null)) {
                throw new IllegalArgumentException("--access-id and --access-key go together");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("datahub-emulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (accessId != null) {
            builder.account(accessId, accessKey);
        }
        if (inMemory) {
            builder.inMemory();
        } else {
            builder.dataDirectory(dataDir);
        }
        DataHubEmulator emulator = builder.build();
        try {
            emulator.start();
        } catch (RuntimeException e) {
            System.err.println("datahub-emulator: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "datahub-emulator-shutdown"));
        System.err.println("datahub-emulator: " + (inMemory ? "in memory" : "data in " + dataDir.toAbsolutePath())
                + "; credentials: " + (accessId == null
                        ? "access id '" + DataHubEmulator.DEFAULT_ACCESS_ID + "', access key '" + DataHubEmulator.DEFAULT_ACCESS_KEY + "' (defaults)"
                        : "access id '" + accessId + "' (access key as given)")
                + "; admin: " + emulator.endpoint() + "/__emulator");
        System.out.println("DataHub emulator listening on " + emulator.endpoint());
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
