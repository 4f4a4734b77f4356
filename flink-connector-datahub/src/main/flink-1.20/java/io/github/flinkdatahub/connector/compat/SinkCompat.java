package io.github.flinkdatahub.connector.compat;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;

/**
 * The base of every {@link Sink} in this project, one per Flink line (this one: 1.20). Flink 1.20
 * still declares {@code createWriter(Sink.InitContext)} abstract, a type Flink 2.x removed; its
 * runtime creates writers through {@code createWriter(WriterInitContext)}, which the sinks
 * implement, so the old method only forwards there.
 */
@Internal
public abstract class SinkCompat<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    @Override
    @Deprecated
    public final SinkWriter<T> createWriter(InitContext context) throws IOException {
        if (context instanceof WriterInitContext) {
            return createWriter((WriterInitContext) context);
        }
        throw new UnsupportedOperationException(
                getClass().getName()
                        + " creates writers from a WriterInitContext only, got "
                        + context.getClass().getName());
    }

    @Override
    public abstract SinkWriter<T> createWriter(WriterInitContext context) throws IOException;
}
