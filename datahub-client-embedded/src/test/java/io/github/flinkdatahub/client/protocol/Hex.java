package io.github.flinkdatahub.client.protocol;

/**
 * Hex text to bytes and back, for the byte-exact examples of the protocol reference (JDK 11 has no
 * HexFormat).
 */
public final class Hex {
    private Hex() {}

    public static String format(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16))
                    .append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** Parses hex digits, ignoring white space. */
    public static byte[] parse(String hex) {
        String digits = hex.replaceAll("\\s", "");
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
