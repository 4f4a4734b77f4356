package io.github.flinkdatahub.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The compiled classes of the project's modules, read from their build folders ({@code target/}, or
 * {@code target/flink-<version>/} in a Flink profile: system property {@code build.folder}). A
 * missing or empty folder fails loudly: a rule checked against no classes would pass without
 * proving anything.
 */
final class ProjectClasses {
    /** Library code shipped to users (the emulator ships too: users test against it). */
    static final String CLIENT = "datahub-client-embedded";

    static final String EMULATOR = "datahub-emulator";
    static final String CONNECTOR = "flink-connector-datahub";

    /** Every module with test code. */
    static final List<String> MODULES_WITH_TESTS =
            List.of(
                    CLIENT,
                    EMULATOR,
                    "datahub-emulator-sdk-tests",
                    CONNECTOR,
                    "flink-sql-connector-datahub",
                    "e2e-tests");

    private ProjectClasses() {}

    static JavaClasses main(String... modules) {
        return importFolders("classes", List.of(modules));
    }

    static JavaClasses tests(List<String> modules) {
        return importFolders("test-classes", modules);
    }

    private static JavaClasses importFolders(String kind, List<String> modules) {
        Path root = Paths.get(System.getProperty("project.root", ".."));
        String buildFolder = System.getProperty("build.folder", "target");
        List<Path> folders = new ArrayList<>();
        for (String module : modules) {
            Path folder = root.resolve(module).resolve(buildFolder).resolve(kind);
            if (countClassFiles(folder) == 0) {
                throw new IllegalStateException(
                        "No compiled classes in "
                                + folder.toAbsolutePath().normalize()
                                + ": build the module first (mvn verify builds every module before this one)");
            }
            folders.add(folder);
        }
        return new ClassFileImporter().importPaths(folders);
    }

    private static long countClassFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".class")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
