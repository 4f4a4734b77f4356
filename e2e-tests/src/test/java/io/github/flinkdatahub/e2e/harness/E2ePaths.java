package io.github.flinkdatahub.e2e.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the build put the jars, set by failsafe (see e2e-tests/pom.xml). */
public final class E2ePaths {

    private E2ePaths() {}

    /** The Flink distribution's lib/ (copied from Maven Central at pre-integration-test). */
    public static Path flinkLib() {
        return existing("e2e.flink.lib");
    }

    /** The emulator's runnable jar. */
    public static Path emulatorJar() {
        return existingFile(existing("e2e.jars").resolve("datahub-emulator-standalone.jar"));
    }

    /** The shaded SQL connector jar, the only thing users add to Flink. */
    public static Path sqlConnectorJar() {
        return existingFile(existing("e2e.jars").resolve("flink-sql-connector-datahub.jar"));
    }

    /** Scratch space of one test run (configuration, checkpoints). */
    public static Path workDir() {
        return directory("e2e.work.dir");
    }

    /** Every process's log, named after the process. */
    public static Path logsDir() {
        return directory("e2e.logs.dir");
    }

    private static Path directory(String property) {
        Path dir = Paths.get(required(property));
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    private static Path existing(String property) {
        Path path = Paths.get(required(property));
        if (!Files.exists(path)) {
            throw new IllegalStateException(
                    property
                            + " points to "
                            + path
                            + ", which does not exist: run the e2e "
                            + "tests through Maven's pre-integration-test phase, e.g. mvn verify -pl e2e-tests -am");
        }
        return path;
    }

    private static Path existingFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(
                    path
                            + " is missing: mvn verify -pl e2e-tests -am copies it at "
                            + "pre-integration-test");
        }
        return path;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(
                    "system property "
                            + property
                            + " is not set: run the e2e tests with "
                            + "Maven (mvn verify -pl e2e-tests -am), whose failsafe configuration sets it");
        }
        return value;
    }
}
