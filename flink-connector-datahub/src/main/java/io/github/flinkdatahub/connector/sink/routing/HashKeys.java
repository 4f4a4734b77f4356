package io.github.flinkdatahub.connector.sink.routing;

import org.apache.flink.annotation.Internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The 128-bit hash key of a record's key fields: MD5 of the fields' text, as 32 upper-case hex
 * digits. For one field that is exactly the key the service derives from a partition key of the
 * same text, so both ways of routing agree. Several fields are joined with U+0001; a null value is
 * U+0000, so null and the empty string differ.
 */
@Internal
public final class HashKeys {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    static final char SEPARATOR = '\u0001';
    static final String NULL_TEXT = "\u0000";

    private HashKeys() {}

    /** The key of these field texts (null for a null value). */
    public static String of(List<String> texts) {
        if (texts.size() == 1) {
            return md5Hex(texts.get(0) == null ? NULL_TEXT : texts.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            String t = texts.get(i);
            sb.append(t == null ? NULL_TEXT : t);
        }
        return md5Hex(sb.toString());
    }

    /** MD5 of the UTF-8 text as 32 upper-case hex digits. */
    public static String md5Hex(String text) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }
}
