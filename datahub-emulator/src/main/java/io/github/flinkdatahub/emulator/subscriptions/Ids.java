package io.github.flinkdatahub.emulator.subscriptions;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Ids shaped like the service's: subscriptions {@code 1565580329258VXSY8}, consumers, connectors.
 */
public final class Ids {
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** 13-digit milliseconds followed by 5 upper-case letters or digits. */
    public static String subscriptionId(long millis) {
        return String.format(Locale.ROOT, "%013d", millis) + random(UPPER, 5);
    }

    /** Like the service's {@code 1661239310475U2M3J-5555abcd-6666abcd}. */
    public static String consumerId(long millis) {
        return subscriptionId(millis) + "-" + hex8() + "-" + hex8();
    }

    /** {@code dh-} followed by 16 lower-case letters or digits. */
    public static String connectorId() {
        return "dh-" + random(LOWER, 16);
    }

    private static String hex8() {
        return String.format(Locale.ROOT, "%08x", RANDOM.nextInt());
    }

    private static String random(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
