package io.github.flinkdatahub.client.wire;

import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.model.CompressFormat;

/** Picks the {@link RecordWire} of a wire mode. */
@Internal
public final class RecordWires {
    private RecordWires() {}

    /** {@code compression} matters only to BATCH, whose blobs carry their own compression. */
    public static RecordWire forMode(WireMode mode, CompressFormat compression) {
        switch (mode) {
            case JSON:
                return new JsonRecordWire();
            case BATCH:
                return new BatchRecordWire(compression);
            case PROTOBUF:
            default:
                return new ProtobufRecordWire();
        }
    }
}
