package io.github.flinkdatahub.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.github.flinkdatahub.architecture.ProjectClasses.CLIENT;
import static io.github.flinkdatahub.architecture.ProjectClasses.CONNECTOR;
import static io.github.flinkdatahub.architecture.ProjectClasses.EMULATOR;

/** Module boundaries and manners of the code we ship. */
class ProductionCodeArchitectureTest {
    private static final String EMULATOR_PACKAGES = "io.github.flinkdatahub.emulator..";

    /** The emulator's command line: its ready line on standard output is its interface. */
    private static final String EMULATOR_CLI = "io.github.flinkdatahub.emulator.EmulatorMain";

    @Test
    void clientDependsOnNeitherFlinkNorTheEmulatorNorTheConnector() {
        // The client is a standalone DataHub SDK: usable (and shaded) without Flink on the
        // classpath.
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..",
                        EMULATOR_PACKAGES,
                        "io.github.flinkdatahub.connector..")
                .because(
                        "datahub-client-embedded is a plain DataHub client that must work without Flink")
                .check(ProjectClasses.main(CLIENT));
    }

    @Test
    void connectorMainCodeNeverUsesTheEmulator() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(EMULATOR_PACKAGES)
                .because(
                        "the emulator is a test and development tool, not a runtime dependency of jobs")
                .check(ProjectClasses.main(CONNECTOR));
    }

    @Test
    void libraryCodeNeverWritesToTheConsole() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(EMULATOR_CLI)
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .because(
                        "library code logs through SLF4J; only the emulator's command line prints"
                                + " (its ready line)")
                .check(shipped());
    }

    @Test
    void libraryCodeNeverPrintsStackTraces() {
        noClasses()
                .should()
                // Any exception type's printStackTrace: javac names the variable's static type.
                .callMethodWhere(
                        target(name("printStackTrace"))
                                .and(target(owner(assignableTo(Throwable.class)))))
                .because(
                        "a stack trace on stderr bypasses the job's logs; log the exception or"
                                + " rethrow it")
                .check(shipped());
    }

    private static JavaClasses shipped() {
        return ProjectClasses.main(CLIENT, EMULATOR, CONNECTOR);
    }
}
