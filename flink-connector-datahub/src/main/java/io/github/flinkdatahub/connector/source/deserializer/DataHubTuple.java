package io.github.flinkdatahub.connector.source.deserializer;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tuple record as a plain value: field names and values (the client's Java types: Byte, Short,
 * Integer, Long, Float, Double, BigDecimal, String, Boolean, Long microseconds for TIMESTAMP),
 * attributes and where it was read.
 */
@PublicEvolving
public final class DataHubTuple implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String shardId;
    private final long sequence;
    private final long systemTime;
    // Kept in an array and a HashMap, not in List.copyOf/Map.copyOf: a stream of tuples without a
    // TypeInformation goes through Kryo, and Flink 1.20's Kryo rebuilds a collection by adding to
    // a new instance, which immutable collections refuse. The getters hand out read-only views.
    private final String[] fieldNames;
    private final Object[] values;
    private final HashMap<String, String> attributes;

    public DataHubTuple(
            String shardId,
            long sequence,
            long systemTime,
            List<String> fieldNames,
            Object[] values,
            Map<String, String> attributes) {
        this.shardId = shardId;
        this.sequence = sequence;
        this.systemTime = systemTime;
        this.fieldNames = fieldNames.toArray(new String[0]);
        this.values = values.clone();
        this.attributes = new HashMap<>(attributes);
    }

    public String getShardId() {
        return shardId;
    }

    public long getSequence() {
        return sequence;
    }

    /** Milliseconds since the epoch when DataHub received the record. */
    public long getSystemTime() {
        return systemTime;
    }

    public List<String> getFieldNames() {
        return Collections.unmodifiableList(Arrays.asList(fieldNames));
    }

    public Object getValue(int index) {
        return values[index];
    }

    /** The value of a field, by name ignoring case. */
    public Object getValue(String fieldName) {
        for (int i = 0; i < fieldNames.length; i++) {
            if (fieldNames[i].equalsIgnoreCase(fieldName)) {
                return values[i];
            }
        }
        throw new IllegalArgumentException(
                "No field '" + fieldName + "' in " + Arrays.toString(fieldNames));
    }

    public List<Object> getValues() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    public Map<String, String> getAttributes() {
        return Collections.unmodifiableMap(attributes);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DataHubTuple)) {
            return false;
        }
        DataHubTuple t = (DataHubTuple) o;
        return sequence == t.sequence
                && systemTime == t.systemTime
                && Objects.equals(shardId, t.shardId)
                && Arrays.equals(fieldNames, t.fieldNames)
                && Arrays.equals(values, t.values)
                && attributes.equals(t.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, sequence, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "DataHubTuple{shard="
                + shardId
                + ", sequence="
                + sequence
                + ", values="
                + Arrays.toString(values)
                + (attributes.isEmpty() ? "" : ", attributes=" + attributes)
                + '}';
    }
}
