package io.github.flinkdatahub.connector.compat;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The base of every {@link Sink} in this project, one per Flink line (this one: 2.x). Flink 2.x
 * needs nothing beyond {@code createWriter(WriterInitContext)}; the Flink 1.20 variant of this
 * class adds the writer factory method that 1.20 still declares abstract.
 */
@Internal
public abstract class SinkCompat<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
}
