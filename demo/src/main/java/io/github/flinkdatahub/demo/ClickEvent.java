package io.github.flinkdatahub.demo;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/** One click on a shop's web site: what the generator writes to the {@code click_events} topic. */
final class ClickEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The topic schema: several DataHub field types, one NOT NULL. */
    static final RecordSchema SCHEMA =
            RecordSchema.of(
                    new Field("event_id", FieldType.BIGINT, false, "unique per generated event"),
                    new Field("user_id", FieldType.BIGINT),
                    new Field("page", FieldType.STRING),
                    new Field("action", FieldType.STRING),
                    new Field("duration_ms", FieldType.INTEGER),
                    new Field("price", FieldType.DECIMAL),
                    new Field("is_mobile", FieldType.BOOLEAN),
                    new Field("event_time", FieldType.TIMESTAMP));

    private static final String[] PAGES = {"home", "search", "product", "cart", "checkout", "help"};
    private static final String[] ACTIONS = {
        "view", "view", "view", "click", "click", "add_to_cart", "buy"
    };

    final long eventId;
    final long userId;
    final String page;
    final String action;
    final int durationMs;
    final BigDecimal price;
    final boolean mobile;
    final long eventTimeMicros;

    private ClickEvent(
            long eventId,
            long userId,
            String page,
            String action,
            int durationMs,
            BigDecimal price,
            boolean mobile,
            long eventTimeMicros) {
        this.eventId = eventId;
        this.userId = userId;
        this.page = page;
        this.action = action;
        this.durationMs = durationMs;
        this.price = price;
        this.mobile = mobile;
        this.eventTimeMicros = eventTimeMicros;
    }

    /**
     * The event with this id: users follow a skewed popularity, purchases carry a price, and event
     * times trail the wall clock by up to a second (as clicks buffered on phones do).
     */
    static ClickEvent generate(long eventId, long nowMillis) {
        SplittableRandom random = new SplittableRandom(eventId * 0x9E3779B97F4A7C15L);
        long user = (long) (Math.pow(random.nextDouble(), 3) * 5000) + 1;
        String page =
                PAGES[
                        (int)
                                Math.min(
                                        PAGES.length - 1,
                                        Math.floor(-Math.log(1 - random.nextDouble()) * 1.5))];
        String action = ACTIONS[random.nextInt(ACTIONS.length)];
        BigDecimal price =
                "buy".equals(action)
                        ? BigDecimal.valueOf(random.nextInt(100, 50_000))
                                .movePointLeft(2)
                                .setScale(2, RoundingMode.UNNECESSARY)
                        : null;
        long lateness = random.nextInt(1000);
        return new ClickEvent(
                eventId,
                user,
                page,
                action,
                200 + random.nextInt(30_000),
                price,
                random.nextInt(10) < 6,
                (nowMillis - lateness) * 1000);
    }
}
