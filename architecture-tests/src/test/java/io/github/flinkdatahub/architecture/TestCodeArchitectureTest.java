package io.github.flinkdatahub.architecture;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Rules for the tests of every module. */
class TestCodeArchitectureTest {
    /** Each module's single wait helper, the only place that may pause between polls. */
    private static final String WAIT_HELPER = "Wait";

    @Test
    void testsWaitForConditionsNeverForTime() {
        // A fixed sleep either wastes time or is too short on a slow machine: tests wait for a
        // condition with a deadline (a module's Wait helper or Flink's CommonTestUtils.waitUtil).
        noClasses()
                .that()
                .doNotHaveSimpleName(WAIT_HELPER)
                .should()
                .callMethod(Thread.class, "sleep", long.class)
                .orShould()
                .callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould()
                .callMethod(TimeUnit.class, "sleep", long.class)
                .because("tests wait for conditions with a deadline, never for a fixed time")
                .check(ProjectClasses.tests(ProjectClasses.MODULES_WITH_TESTS));
    }
}
