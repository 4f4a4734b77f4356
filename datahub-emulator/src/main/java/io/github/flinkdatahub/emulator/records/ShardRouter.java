package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.emulator.store.HashRanges;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the shard of each record of a routed put (protocol reference §3.1): its shard id if set,
 * else the shard whose hash range holds its hash key, else the one holding MD5(partition key) as a
 * 128-bit number. A record with none of the three goes to the writable shards in turn (round-robin
 * per topic; the service's behaviour is undocumented). Failures are thrown as the service's
 * per-record errors. Call under the emulator lock.
 */
public final class ShardRouter {
    /** Error code of a record naming a shard that does not exist (seen in SDK tests). */
    public static final String INVALID_SHARD_ID = "InvalidShardId";

    private final Map<String, Integer> roundRobin = new HashMap<>();

    /** The shard {@code r} goes to; throws the per-record error when it cannot be written now. */
    public ShardDoc route(TopicDoc t, List<ShardDoc> notClosed, Record r, long now) {
        ShardDoc target;
        if (r.getShardId() != null) {
            target = t.shard(r.getShardId());
            if (target == null) {
                throw new DataHubException(
                        "Invalid shard id: " + r.getShardId(),
                        INVALID_SHARD_ID,
                        null,
                        ErrorCode.INVALID_PARAMETER.httpStatus());
            }
        } else if (r.getHashKey() != null || r.getPartitionKey() != null) {
            BigInteger key =
                    r.getHashKey() != null
                            ? HashRanges.parse(r.getHashKey())
                            : md5(r.getPartitionKey());
            target = byKey(notClosed, key);
        } else {
            target = next(t, notClosed, now);
        }
        Shards.requireWritable(target, now);
        return target;
    }

    private static ShardDoc byKey(List<ShardDoc> notClosed, BigInteger key) {
        for (ShardDoc s : notClosed) {
            if (Shards.contains(s, key)) {
                return s;
            }
        }
        throw new IllegalStateException(
                "The open shards do not cover hash key " + HashRanges.format(key));
    }

    private ShardDoc next(TopicDoc t, List<ShardDoc> notClosed, long now) {
        List<ShardDoc> writable = new ArrayList<>();
        for (ShardDoc s : notClosed) {
            if (now >= s.activeAtMillis) {
                writable.add(s);
            }
        }
        if (writable.isEmpty()) {
            return notClosed.get(0);
        }
        String key = ShardLogs.topicKey(t);
        int turn = roundRobin.merge(key, 1, Integer::sum) - 1;
        return writable.get(Math.floorMod(turn, writable.size()));
    }

    /** MD5 of the UTF-8 key as an unsigned 128-bit number. */
    static BigInteger md5(String partitionKey) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("MD5")
                            .digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
