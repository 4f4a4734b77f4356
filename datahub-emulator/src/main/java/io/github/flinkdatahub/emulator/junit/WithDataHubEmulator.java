package io.github.flinkdatahub.emulator.junit;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the test class an in-memory DataHub emulator with the default account, started before its
 * first test and stopped after its last; test methods, lifecycle methods and constructors can take
 * {@link io.github.flinkdatahub.emulator.DataHubEmulator}, a ready {@link
 * io.github.flinkdatahub.client.DataHubClient} and the emulator's {@link
 * io.github.flinkdatahub.emulator.faults.FaultInjector} as parameters:
 *
 * <pre>{@code
 * @WithDataHubEmulator
 * class MyTest {
 *     @Test
 *     void createsAProject(DataHubClient client) {
 *         client.createProject("demo", "test");
 *     }
 * }
 * }</pre>
 *
 * <p>For other settings (data directory, accounts, shard opening delay, fault rules), register
 * {@link DataHubEmulatorExtension#builder()} in a static {@code @RegisterExtension} field instead.
 */
@PublicEvolving
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DataHubEmulatorExtension.class)
public @interface WithDataHubEmulator {}
