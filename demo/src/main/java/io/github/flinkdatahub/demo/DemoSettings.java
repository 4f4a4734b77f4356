package io.github.flinkdatahub.demo;

import java.time.Duration;
import java.util.Map;

/**
 * What the demo runs against and for how long, from command-line flags with environment variables
 * as fallback. Without an endpoint the demo starts its own emulator.
 */
final class DemoSettings {
    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: ./demo.sh [--duration 90s] [--forever] [--rate 500] [--project flink_demo]",
                    "                 [--endpoint URL --access-id ID --access-key KEY]",
                    "  --duration D   stop after D (e.g. 90s, 3m); default 90s",
                    "  --forever      run until Ctrl-C",
                    "  --rate N       click events generated per second; default 500",
                    "  --project P    DataHub project to use (created if missing); default flink_demo",
                    "  --endpoint     a real DataHub endpoint (env DATAHUB_ENDPOINT); default: a local emulator",
                    "  --access-id    (env DATAHUB_ACCESS_ID)",
                    "  --access-key   (env DATAHUB_ACCESS_KEY)");

    final Duration duration;
    final boolean forever;
    final int rate;
    final String project;
    final String endpoint;
    final String accessId;
    final String accessKey;

    private DemoSettings(
            Duration duration,
            boolean forever,
            int rate,
            String project,
            String endpoint,
            String accessId,
            String accessKey) {
        this.duration = duration;
        this.forever = forever;
        this.rate = rate;
        this.project = project;
        this.endpoint = endpoint;
        this.accessId = accessId;
        this.accessKey = accessKey;
    }

    boolean usesEmulator() {
        return endpoint == null;
    }

    static DemoSettings parse(String[] args, Map<String, String> env) {
        Duration duration = Duration.ofSeconds(90);
        boolean forever = false;
        int rate = 500;
        String project = "flink_demo";
        String endpoint = env.get("DATAHUB_ENDPOINT");
        String accessId = env.get("DATAHUB_ACCESS_ID");
        String accessKey = env.get("DATAHUB_ACCESS_KEY");
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--forever":
                    forever = true;
                    break;
                case "--duration":
                    duration = parseDuration(value(args, ++i, flag));
                    break;
                case "--rate":
                    rate = positive(value(args, ++i, flag), flag);
                    break;
                case "--project":
                    project = value(args, ++i, flag);
                    break;
                case "--endpoint":
                    endpoint = value(args, ++i, flag);
                    break;
                case "--access-id":
                    accessId = value(args, ++i, flag);
                    break;
                case "--access-key":
                    accessKey = value(args, ++i, flag);
                    break;
                case "--help":
                case "-h":
                    throw new IllegalArgumentException(USAGE);
                default:
                    throw new IllegalArgumentException("Unknown flag '" + flag + "'.\n" + USAGE);
            }
        }
        if (endpoint != null && (accessId == null || accessKey == null)) {
            throw new IllegalArgumentException(
                    "--endpoint "
                            + endpoint
                            + " needs --access-id and --access-key (or"
                            + " DATAHUB_ACCESS_ID and DATAHUB_ACCESS_KEY)");
        }
        return new DemoSettings(duration, forever, rate, project, endpoint, accessId, accessKey);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value.\n" + USAGE);
        }
        return args[i];
    }

    private static int positive(String text, String flag) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(
                flag + " must be a positive whole number, got '" + text + "'");
    }

    private static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--duration must look like 90s, 3m or 500ms, got '" + text + "'");
        }
    }
}
