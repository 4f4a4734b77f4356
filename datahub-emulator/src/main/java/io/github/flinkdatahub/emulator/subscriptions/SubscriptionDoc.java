package io.github.flinkdatahub.emulator.subscriptions;

/**
 * A stored subscription, keyed {@code project/topic/subId}. It carries its consumer group too, so a
 * rebalance and the membership it follows from are one atomic update.
 */
public final class SubscriptionDoc {
    public String subId;

    /** Project and topic names as the topic was created (the key is lower-case). */
    public String project;

    public String topic;
    public String comment = "";
    public String creator;

    /** 0 USER, 1 SYSTEM (made for a connector), 2 TT. */
    public int type;

    /** 0 OFFLINE, 1 ONLINE. */
    public int state = 1;

    /** Seconds, like the topic times. */
    public long createTime;

    public long lastModifyTime;

    /** Milliseconds of creation: the list order. */
    public long createTimeMillis;

    /**
     * 1, 2, 3, ... per topic in creation order: breaks ties of {@link #createTimeMillis} (several
     * subscriptions in one millisecond, or on a paused data clock), which the random part of the id
     * did not order. 0 in stores written before it existed.
     */
    public long createOrder;

    /** For SYSTEM subscriptions: the connector that owns it. */
    public String connectorId;

    public GroupDoc group = new GroupDoc();
}
