package io.github.flinkdatahub.client.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The PyDatahub recorded service responses, copied into the test resources unchanged. */
public final class Fixtures {
    private Fixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/pydatahub-fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
