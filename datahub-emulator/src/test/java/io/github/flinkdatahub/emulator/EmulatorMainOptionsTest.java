package io.github.flinkdatahub.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emulator's access key can stay out of the process list: from a file or the environment. */
class EmulatorMainOptionsTest {

    @Test
    void theAccessKeyIsReadFromAFileWithoutItsLineEnd(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "fileKey\n");
        EmulatorMain.Options o =
                EmulatorMain.Options.parse(
                        new String[] {
                            "--in-memory", "--access-id", "me", "--access-key-file", file.toString()
                        },
                        Map.of());
        assertThat(o.accessId).isEqualTo("me");
        assertThat(o.accessKey).isEqualTo("fileKey");
    }

    @Test
    void theAccountComesFromTheEnvironmentWhenNotGiven() {
        EmulatorMain.Options o =
                EmulatorMain.Options.parse(
                        new String[] {"--in-memory"},
                        Map.of(
                                EmulatorMain.ACCESS_ID_ENV, "envId",
                                EmulatorMain.ACCESS_KEY_ENV, "envKey"));
        assertThat(o.accessId).isEqualTo("envId");
        assertThat(o.accessKey).isEqualTo("envKey");
        assertThat(EmulatorMain.USAGE).contains("--access-key-file", EmulatorMain.ACCESS_KEY_ENV);
    }

    @Test
    void aKeyFileThatCannotBeReadOrTwoKeysAreUsageErrors(@TempDir Path dir) {
        String missing = dir.resolve("missing").toString();
        assertThatThrownBy(
                        () ->
                                EmulatorMain.Options.parse(
                                        new String[] {
                                            "--access-id", "me", "--access-key-file", missing
                                        },
                                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--access-key-file: cannot read " + missing);
        assertThatThrownBy(
                        () ->
                                EmulatorMain.Options.parse(
                                        new String[] {
                                            "--access-id",
                                            "me",
                                            "--access-key",
                                            "k",
                                            "--access-key-file",
                                            missing
                                        },
                                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude each other");
    }
}
