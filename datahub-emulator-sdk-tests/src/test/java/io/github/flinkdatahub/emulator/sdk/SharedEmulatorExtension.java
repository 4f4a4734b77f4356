package io.github.flinkdatahub.emulator.sdk;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link Sdk} for one emulator process shared by the whole run (started on first
 * use, stopped when the run ends), so the suite pays the JVM start-up once.
 */
final class SharedEmulatorExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedEmulatorExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sdk.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmulatorProcess process =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                "shared",
                                key -> EmulatorProcess.start("shared"),
                                EmulatorProcess.class);
        return new Sdk(process.endpoint());
    }
}
