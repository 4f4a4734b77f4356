package io.github.flinkdatahub.emulator.subscriptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The consumer group of a subscription: members in join order, the plan version, finished shards.
 */
public final class GroupDoc {
    /** Incremented whenever the assignment of shards to members changes. */
    public long planVersion;

    public List<MemberDoc> members = new ArrayList<>();

    /** Closed shards some member has read to the end: never assigned again. */
    public List<String> readEndShards = new ArrayList<>();

    public MemberDoc member(String consumerId) {
        for (MemberDoc m : members) {
            if (m.consumerId.equals(consumerId)) {
                return m;
            }
        }
        return null;
    }

    /** One member of a consumer group. */
    public static final class MemberDoc {
        public String consumerId;
        public long sessionTimeout;

        /** Data-clock time of the join or the latest heartbeat. */
        public long lastSeenMillis;

        /** The plan version the member last said it holds. */
        public long versionId;

        /** What the current plan gives this member. */
        public List<String> assigned = new ArrayList<>();

        /**
         * What the member last said it holds (heartbeat HoldShardList, minus released and finished
         * shards).
         */
        public List<String> held = new ArrayList<>();

        public boolean expired(long nowMillis) {
            return nowMillis - lastSeenMillis > sessionTimeout;
        }
    }
}
