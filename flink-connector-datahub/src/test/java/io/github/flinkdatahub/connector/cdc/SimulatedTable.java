package io.github.flinkdatahub.connector.cdc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * A database table {@code (id, grp, amount)} changed at random (seeded): its final state is the
 * expected result, its changes the records a replication service would write.
 */
final class SimulatedTable {
    /** One row of the table. */
    static final class Row {
        final long id;
        final String grp;
        final long amount;

        Row(long id, String grp, long amount) {
            this.id = id;
            this.grp = grp;
            this.amount = amount;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Row)) {
                return false;
            }
            Row r = (Row) o;
            return id == r.id && amount == r.amount && grp.equals(r.grp);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, grp, amount);
        }

        @Override
        public String toString() {
            return id + "," + grp + "," + amount;
        }
    }

    /** A change: operation I/U/D, the old row (U, D) and the new row (I, U). */
    static final class Change {
        final String operation;
        final Row before;
        final Row after;

        Change(String operation, Row before, Row after) {
            this.operation = operation;
            this.before = before;
            this.after = after;
        }
    }

    private final Map<Long, Row> rows = new HashMap<>();
    private final Random random;
    private final int keys;

    SimulatedTable(long seed, int keys) {
        this.random = new Random(seed);
        this.keys = keys;
    }

    /**
     * {@code count} random changes: inserts of absent keys, updates and deletes of present ones.
     */
    List<Change> changes(int count) {
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = random.nextInt(keys);
            Row old = rows.get(id);
            Row next = new Row(id, "g" + random.nextInt(7), random.nextInt(1000));
            if (old == null) {
                rows.put(id, next);
                out.add(new Change("I", null, next));
            } else if (random.nextInt(4) == 0) {
                rows.remove(id);
                out.add(new Change("D", old, null));
            } else {
                rows.put(id, next);
                out.add(new Change("U", old, next));
            }
        }
        return out;
    }

    /** The current rows by id, as "id,grp,amount". */
    Map<Long, String> state() {
        Map<Long, String> out = new TreeMap<>();
        rows.forEach((id, r) -> out.put(id, r.toString()));
        return out;
    }

    /** {@code grp -> "count,sum"} of the current rows. */
    Map<String, String> countAndSumPerGroup() {
        Map<String, long[]> acc = new TreeMap<>();
        for (Row r : rows.values()) {
            long[] a = acc.computeIfAbsent(r.grp, g -> new long[2]);
            a[0]++;
            a[1] += r.amount;
        }
        Map<String, String> out = new TreeMap<>();
        acc.forEach((g, a) -> out.put(g, a[0] + "," + a[1]));
        return out;
    }
}
