package io.github.flinkdatahub.connector.testutil;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import io.github.flinkdatahub.connector.compat.SinkCompat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test sink that publishes what it received only when the checkpoint covering it completes
 * (idempotently, so re-commits after a restore count once). What it publishes is therefore exactly
 * what an exactly-once pipeline delivered: duplicates in it are real duplicates of the source.
 */
public final class CommittedCollectSink extends SinkCompat<String>
        implements SupportsCommitter<CommittedCollectSink.Batch> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<String>> RESULTS = new ConcurrentHashMap<>();
    private static final Map<String, Set<String>> COMMITTED_BATCHES = new ConcurrentHashMap<>();

    private final String name;

    public CommittedCollectSink(String name) {
        this.name = name;
        RESULTS.put(name, new CopyOnWriteArrayList<>());
        COMMITTED_BATCHES.put(name, ConcurrentHashMap.newKeySet());
    }

    /** Everything committed so far under {@code name}. */
    public static List<String> results(String name) {
        return Collections.unmodifiableList(RESULTS.getOrDefault(name, List.of()));
    }

    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) {
        String prefix =
                context.getTaskInfo().getIndexOfThisSubtask()
                        + "-"
                        + context.getTaskInfo().getAttemptNumber();
        return new Writer(prefix);
    }

    @Override
    public Committer<Batch> createCommitter(CommitterInitContext context) {
        return new Committer<Batch>() {
            @Override
            public void commit(Collection<CommitRequest<Batch>> requests) {
                for (CommitRequest<Batch> r : requests) {
                    Batch b = r.getCommittable();
                    if (COMMITTED_BATCHES.get(name).add(b.id)) {
                        RESULTS.get(name).addAll(b.lines);
                    }
                }
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public SimpleVersionedSerializer<Batch> getCommittableSerializer() {
        return new BatchSerializer();
    }

    /** Lines received between two checkpoints by one writer. */
    public static final class Batch {
        final String id;
        final List<String> lines;

        Batch(String id, List<String> lines) {
            this.id = id;
            this.lines = lines;
        }
    }

    private static final class Writer implements CommittingSinkWriter<String, Batch> {
        private final String prefix;
        private List<String> buffer = new ArrayList<>();
        private int batches;

        Writer(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void write(String element, Context context) {
            buffer.add(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<Batch> prepareCommit() {
            if (buffer.isEmpty()) {
                return List.of();
            }
            Batch b = new Batch(prefix + "-" + (batches++), buffer);
            buffer = new ArrayList<>();
            return List.of(b);
        }

        @Override
        public void close() {}
    }

    private static final class BatchSerializer implements SimpleVersionedSerializer<Batch> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Batch batch) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeUTF(batch.id);
            out.writeInt(batch.lines.size());
            for (String l : batch.lines) {
                out.writeUTF(l);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public Batch deserialize(int version, byte[] bytes) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            String id = in.readUTF();
            int n = in.readInt();
            List<String> lines = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                lines.add(in.readUTF());
            }
            return new Batch(id, lines);
        }
    }
}
