package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A DataHub record: a {@link TupleRecord} or a {@link BlobRecord}. Immutable.
 *
 * <p>On the write path a record may carry routing: an explicit shard id, a 128-bit hash key (32 hex
 * digits) or a partition key (the service routes by its MD5). On the read path it carries its
 * position: shard id, sequence, system time (ms), cursor and next cursor, and for records of the
 * batch format its index inside the batch.
 */
@PublicEvolving
public abstract class Record {
    private static final Pattern HASH_KEY = Pattern.compile("[0-9A-Fa-f]{32}");

    private final Map<String, String> attributes;
    private final String shardId;
    private final String hashKey;
    private final String partitionKey;
    private final long sequence;
    private final long systemTime;
    private final String cursor;
    private final String nextCursor;
    private final int batchIndex;
    private final int batchSize;
    private final long serial;

    Record(Builder<?> b) {
        this.attributes =
                b.attributes == null
                        ? Collections.emptyMap()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.shardId = b.shardId;
        this.hashKey = b.hashKey;
        this.partitionKey = b.partitionKey;
        this.sequence = b.sequence;
        this.systemTime = b.systemTime;
        this.cursor = b.cursor;
        this.nextCursor = b.nextCursor;
        this.batchIndex = b.batchIndex;
        this.batchSize = b.batchSize;
        this.serial = b.serial;
    }

    public abstract RecordType getRecordType();

    /** Attributes in insertion order; never null. */
    public Map<String, String> getAttributes() {
        return attributes;
    }

    public String getAttribute(String key) {
        return attributes.get(key);
    }

    /** Explicit target shard on put; the shard read from on get. May be null. */
    public String getShardId() {
        return shardId;
    }

    public String getHashKey() {
        return hashKey;
    }

    public String getPartitionKey() {
        return partitionKey;
    }

    /** Per-shard position of the record; -1 for records not read from DataHub. */
    public long getSequence() {
        return sequence;
    }

    /** Time the service received the record, in milliseconds since the epoch; -1 if unknown. */
    public long getSystemTime() {
        return systemTime;
    }

    public String getCursor() {
        return cursor;
    }

    public String getNextCursor() {
        return nextCursor;
    }

    /** Index of the record inside its batch (batch format); 0 otherwise. */
    public int getBatchIndex() {
        return batchIndex;
    }

    /** Number of records in the record's batch (batch format); 1 otherwise. */
    public int getBatchSize() {
        return batchSize;
    }

    /** Service-assigned serial number, -1 when not sent. */
    public long getSerial() {
        return serial;
    }

    /** Common builder part: attributes, routing and read position. */
    @PublicEvolving
    public abstract static class Builder<B extends Builder<B>> {
        // Created with the first attribute: most records read back have none.
        private Map<String, String> attributes;
        private String shardId;
        private String hashKey;
        private String partitionKey;
        private long sequence = -1;
        private long systemTime = -1;
        private String cursor;
        private String nextCursor;
        private int batchIndex;
        private int batchSize = 1;
        private long serial = -1;

        Builder() {}

        Builder(Record r) {
            if (!r.attributes.isEmpty()) {
                attributes = new LinkedHashMap<>(r.attributes);
            }
            shardId = r.shardId;
            hashKey = r.hashKey;
            partitionKey = r.partitionKey;
            sequence = r.sequence;
            systemTime = r.systemTime;
            cursor = r.cursor;
            nextCursor = r.nextCursor;
            batchIndex = r.batchIndex;
            batchSize = r.batchSize;
            serial = r.serial;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        public B attribute(String key, String value) {
            Validation.notEmpty(key, "attribute key");
            if (value == null) {
                // Runs for every attribute of every record read back: the message only on failure.
                throw Validation.invalid("value of attribute '" + key + "' must not be null");
            }
            if (attributes == null) {
                attributes = new LinkedHashMap<>();
            }
            attributes.put(key, value);
            return self();
        }

        public B attributes(Map<String, String> attrs) {
            if (attrs != null) {
                attrs.forEach(this::attribute);
            }
            return self();
        }

        /** Writes the record to this shard (decimal shard id). */
        public B shardId(String shardId) {
            // Runs for every record read back: a plain digit scan, the message only on failure.
            if (shardId != null && !isDecimal(shardId)) {
                throw Validation.invalid(
                        "shardId must be a decimal shard id such as \"0\", got '" + shardId + "'");
            }
            this.shardId = shardId;
            return self();
        }

        /**
         * Routes the record to the shard whose hash-key range holds this 128-bit key (32 hex
         * digits).
         */
        public B hashKey(String hashKey) {
            if (hashKey != null && !HASH_KEY.matcher(hashKey).matches()) {
                throw Validation.invalid(
                        "hashKey must be 32 hexadecimal digits (a 128-bit key), got '"
                                + hashKey
                                + "'");
            }
            this.hashKey = hashKey == null ? null : hashKey.toUpperCase(java.util.Locale.ROOT);
            return self();
        }

        /** Routes the record by the MD5 of this key; equal keys land on the same shard. */
        public B partitionKey(String partitionKey) {
            this.partitionKey = partitionKey;
            return self();
        }

        public B sequence(long sequence) {
            this.sequence = sequence;
            return self();
        }

        public B systemTime(long systemTime) {
            this.systemTime = systemTime;
            return self();
        }

        public B cursor(String cursor) {
            this.cursor = cursor;
            return self();
        }

        public B nextCursor(String nextCursor) {
            this.nextCursor = nextCursor;
            return self();
        }

        public B batchIndex(int batchIndex, int batchSize) {
            this.batchIndex = batchIndex;
            this.batchSize = batchSize;
            return self();
        }

        public B serial(long serial) {
            this.serial = serial;
            return self();
        }
    }

    private static boolean isDecimal(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
