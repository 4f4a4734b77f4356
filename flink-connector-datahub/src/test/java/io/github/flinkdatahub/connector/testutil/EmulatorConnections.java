package io.github.flinkdatahub.connector.testutil;

import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.emulator.DataHubEmulator;

/** Connections of the connector's tests to an emulator, with its default account. */
public final class EmulatorConnections {
    private EmulatorConnections() {}

    /** A connection builder for {@code emulator}; add settings, then {@code build()}. */
    public static DataHubConnection.Builder builder(DataHubEmulator emulator) {
        return DataHubConnection.builder()
                .endpoint(emulator.endpoint())
                .credentials(DataHubEmulator.DEFAULT_ACCESS_ID, DataHubEmulator.DEFAULT_ACCESS_KEY);
    }
}
