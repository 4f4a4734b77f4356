package io.github.flinkdatahub.emulator.cli;

import io.github.flinkdatahub.client.DataHubClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two jars the module builds, run with {@code java -jar} after packaging (failsafe runs this in
 * the integration-test phase, from the module directory): the plain one in place next to {@code
 * target/lib}, the standalone one copied alone into an empty directory.
 */
class RunnableJarIT {
    @TempDir Path tmp;

    @Test
    void thePlainJarRunsInPlaceWithItsLibDirectory() throws IOException {
        assertThat(Paths.get("target", "lib")).isDirectory();
        startServeAndStop(jar(false));
    }

    @Test
    void theStandaloneJarRunsOnItsOwn() throws IOException {
        Path alone =
                Files.createDirectory(tmp.resolve("alone"))
                        .resolve("datahub-emulator-standalone.jar");
        Files.copy(jar(true), alone);
        startServeAndStop(alone);
    }

    private void startServeAndStop(Path jar) {
        Path data = tmp.resolve("data-" + jar.getFileName());
        try (EmulatorProcess p =
                EmulatorProcess.startJar(jar, tmp, "--port", "0", "--data-dir", data.toString())) {
            String endpoint = p.awaitReady();
            try (DataHubClient client = p.client(endpoint)) {
                client.createProject("from_jar", jar.getFileName().toString());
                assertThat(client.listProject().getProjectNames()).containsExactly("from_jar");
            }
            assertThat(p.terminate()).isIn(EmulatorProcess.CLEAN_STOP);
            assertThat(p.stdoutLines())
                    .singleElement()
                    .asString()
                    .matches("DataHub emulator listening on http://127\\.0\\.0\\.1:[0-9]+");
            assertThat(p.stderr()).contains("stopped, store closed");
        }
        assertThat(data.resolve("datahub.mv.db")).isRegularFile();
    }

    /** {@code target/datahub-emulator-VERSION.jar} or {@code ...-standalone.jar}. */
    private static Path jar(boolean standalone) throws IOException {
        try (Stream<Path> files = Files.list(Paths.get("target"))) {
            List<Path> jars =
                    files.filter(
                                    f -> {
                                        String name = f.getFileName().toString();
                                        return name.startsWith("datahub-emulator-")
                                                && name.endsWith(".jar")
                                                && name.endsWith("-standalone.jar") == standalone
                                                && !name.endsWith("-sources.jar")
                                                && !name.endsWith("-tests.jar")
                                                && !name.endsWith("-javadoc.jar");
                                    })
                            .collect(Collectors.toList());
            assertThat(jars)
                    .as(
                            "the %s jar in target/ (run after mvn package)",
                            standalone ? "standalone" : "plain")
                    .hasSize(1);
            return jars.get(0);
        }
    }
}
