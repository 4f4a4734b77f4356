package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An upper bound of the bytes a record adds to a put request body, so batches stay under the
 * service's 4 MB limit without encoding them twice. Counts values as the wires send them (text in
 * JSON and protobuf, base64 for JSON blobs, JSON escapes) plus generous per-field and per-record
 * framing; the batch wire is smaller still.
 */
@Internal
public final class RecordSizeEstimator {
    /** Per-record framing: sequence fields, JSON keys, protobuf tags, routing keys' names. */
    static final int RECORD_OVERHEAD = 64;

    /** Per value or attribute: JSON quotes and commas, protobuf tag and length. */
    static final int VALUE_OVERHEAD = 8;

    /** Request framing outside the records (headers are not in the body). */
    public static final int REQUEST_OVERHEAD = 1024;

    private final boolean json;

    public RecordSizeEstimator(WireMode wireMode) {
        this.json = wireMode == WireMode.JSON;
    }

    public long estimate(Record r) {
        long n = RECORD_OVERHEAD;
        for (Map.Entry<String, String> a : r.getAttributes().entrySet()) {
            n += text(a.getKey()) + text(a.getValue()) + 2 * VALUE_OVERHEAD;
        }
        n += optional(r.getShardId()) + optional(r.getHashKey()) + optional(r.getPartitionKey());
        if (r instanceof BlobRecord) {
            long len = ((BlobRecord) r).getDataLength();
            n += json ? (len + 2) / 3 * 4 : len;
        } else {
            TupleRecord t = (TupleRecord) r;
            for (int i = 0; i < t.getSchema().size(); i++) {
                Object v = t.getValue(i);
                n += VALUE_OVERHEAD;
                if (v == null) {
                    continue;
                }
                Field f = t.getSchema().getField(i);
                switch (f.getType()) {
                    case STRING:
                        n += text((String) v);
                        break;
                    case DECIMAL:
                        n += ((BigDecimal) v).toPlainString().length();
                        break;
                    default:
                        // Longest text of the other types: "-9223372036854775808", a double's
                        // digits.
                        n += 26;
                        break;
                }
            }
        }
        return n;
    }

    private long optional(String s) {
        return s == null ? 0 : text(s) + VALUE_OVERHEAD;
    }

    /** UTF-8 length, plus JSON escapes in JSON mode (\" \\ and \\u00XX for control characters). */
    long text(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += json && c < 0x20 ? 6 : json && (c == '"' || c == '\\') ? 2 : 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += json ? 12 : 4;
                i++;
            } else {
                n += json ? 6 : 3;
            }
        }
        return n;
    }
}
