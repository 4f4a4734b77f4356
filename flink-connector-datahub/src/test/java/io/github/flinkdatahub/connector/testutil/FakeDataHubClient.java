package io.github.flinkdatahub.connector.testutil;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.ExpandMode;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.GetSubscriptionOffsetResult;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.client.model.result.ListShardResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.connector.common.DataHubConnection;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A {@link DataHubClient} for unit tests that run in milliseconds: one blob topic held in memory,
 * answering the calls the source reader, the enumerator and the sink's shard table make the way the
 * service does (cursors, pages, the end of a closed shard, retention), plus failures scripted per
 * call. Every other method of the client fails with "not scripted", so a test never passes by
 * accident on an answer nobody wrote. Each call is logged for tests that assert what was asked.
 */
public final class FakeDataHubClient {
    /** The calls this fake answers; failures are scripted per kind. */
    public enum Call {
        LIST_SHARD,
        GET_CURSOR,
        GET_RECORDS,
        GET_SUBSCRIPTION_OFFSET
    }

    public static final String MAX_KEY = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    private static final BigInteger KEY_SPACE = BigInteger.ONE.shiftLeft(128);

    private final String project;
    private final String topic;

    /** In listing order. */
    private final Map<String, FakeShard> shards = new LinkedHashMap<>();

    private final Map<Call, Deque<DataHubException>> failures = new EnumMap<>(Call.class);
    private final Map<String, OffsetWithVersion> offsets = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** Record reads answered but not yet delivered, per shard, while responses are held. */
    private final Map<String, Deque<HeldRead>> heldReads = new LinkedHashMap<>();

    private final Map<String, Integer> pageCuts = new LinkedHashMap<>();

    /** Puts sent and not yet answered by the test, in the order sent. */
    private final List<HeldPut> heldPuts = new ArrayList<>();

    private boolean holdReads;
    private boolean holdCursors;

    /** Deliveries of the cursor answers held, in the order asked; named in cursorsInFlight. */
    private final List<Runnable> heldCursors = new ArrayList<>();

    private final List<String> cursorsInFlight = new ArrayList<>();
    private int mostReadsOfOneShardInFlight;
    private int nextShardId;
    private int opened;
    private int closed;

    public FakeDataHubClient(String project, String topic) {
        this.project = project;
        this.topic = topic;
    }

    /**
     * {@code count} ACTIVE shards "0".."count-1" spreading the key space evenly, as the service
     * creates them.
     */
    public FakeDataHubClient withShards(int count) {
        for (int i = 0; i < count; i++) {
            addShard(
                    boundary(i, count),
                    i == count - 1 ? MAX_KEY : boundary(i + 1, count),
                    List.of());
        }
        return this;
    }

    /** A new ACTIVE shard with the next id; for hand-made key ranges. */
    public synchronized FakeShard addShard(
            String beginHashKey, String endHashKey, List<String> parents) {
        FakeShard s =
                new FakeShard(Integer.toString(nextShardId++), beginHashKey, endHashKey, parents);
        shards.put(s.id, s);
        return s;
    }

    public synchronized FakeShard shard(String id) {
        FakeShard s = shards.get(id);
        if (s == null) {
            throw new IllegalArgumentException("The fake has no shard " + id);
        }
        return s;
    }

    /**
     * Closes the shard and adds its two children, [left, right], split at floor((begin + end) / 2)
     * as the client does.
     */
    public synchronized List<FakeShard> split(String shardId) {
        FakeShard parent = shard(shardId);
        BigInteger begin = new BigInteger(parent.begin, 16);
        BigInteger end = new BigInteger(parent.end, 16);
        String middle = format(begin.add(end).shiftRight(1));
        parent.state = ShardState.CLOSED;
        return List.of(
                addShard(parent.begin, middle, List.of(shardId)),
                addShard(middle, parent.end, List.of(shardId)));
    }

    /** Closes two adjacent shards and adds the one covering both ranges. */
    public synchronized FakeShard merge(String leftId, String rightId) {
        FakeShard left = shard(leftId);
        FakeShard right = shard(rightId);
        left.state = ShardState.CLOSED;
        right.state = ShardState.CLOSED;
        return addShard(left.begin, right.end, List.of(leftId, rightId));
    }

    /** The closed shard expired: the service lists it no more. */
    public synchronized void expire(String shardId) {
        shards.remove(shardId);
    }

    /** The next call of this kind fails with {@code e}, before doing anything; queued in order. */
    public synchronized FakeDataHubClient failNext(Call call, DataHubException e) {
        failures.computeIfAbsent(call, c -> new ArrayDeque<>()).add(e);
        return this;
    }

    /**
     * From now on an asynchronous record read is answered when it is asked (so {@link #calls()}
     * shows it), but the answer is delivered only by {@link #deliverRead(String)}: reads stay in
     * flight as long as the test wants, and their answers arrive in the order the test chooses.
     */
    public synchronized FakeDataHubClient holdReads() {
        holdReads = true;
        return this;
    }

    /**
     * From now on an asynchronous cursor request is answered when it is asked (so {@link #calls()}
     * shows it), but the answer is delivered only by {@link #deliverCursors()}.
     */
    public synchronized FakeDataHubClient holdCursors() {
        holdCursors = true;
        return this;
    }

    /** The held cursor requests as {@code shard@sequence}, in the order they were asked. */
    public synchronized List<String> cursorsInFlight() {
        return new ArrayList<>(cursorsInFlight);
    }

    /** Stops holding cursor answers and delivers the held ones in the order they were asked. */
    public void deliverCursors() {
        List<Runnable> deliveries;
        synchronized (this) {
            holdCursors = false;
            deliveries = new ArrayList<>(heldCursors);
            heldCursors.clear();
            cursorsInFlight.clear();
        }
        deliveries.forEach(Runnable::run);
    }

    /** Shards with a held read, in the order they were asked. */
    public synchronized List<String> readsInFlight() {
        List<String> ids = new ArrayList<>();
        heldReads.forEach((id, q) -> q.forEach(f -> ids.add(id)));
        return ids;
    }

    /** Sequences asked for by the held reads of a shard, in the order they were asked. */
    public synchronized List<Long> readsInFlight(String shardId) {
        List<Long> from = new ArrayList<>();
        heldReads.getOrDefault(shardId, new ArrayDeque<>()).forEach(r -> from.add(r.from));
        return from;
    }

    /**
     * The page asked for at {@code sequence} of the shard holds at most {@code sequences}
     * sequences, as the service cuts a page at its byte limit.
     */
    public synchronized FakeDataHubClient cutPage(String shardId, long sequence, int sequences) {
        pageCuts.put(shardId + "@" + sequence, sequences);
        return this;
    }

    /** The most reads of one shard that were ever in flight at once. */
    public synchronized int mostReadsOfOneShardInFlight() {
        return mostReadsOfOneShardInFlight;
    }

    /** Delivers the oldest held read of the shard (the reader's callbacks run on this thread). */
    public void deliverRead(String shardId) {
        deliverRead(shardId, -1);
    }

    /**
     * Delivers the held read of the shard asked at {@code sequence} (-1: the oldest), so reads of
     * one shard can be answered out of order.
     */
    public void deliverRead(String shardId, long sequence) {
        HeldRead read = null;
        synchronized (this) {
            Deque<HeldRead> q = heldReads.get(shardId);
            if (q != null) {
                for (HeldRead r : q) {
                    if (sequence < 0 || r.from == sequence) {
                        read = r;
                        break;
                    }
                }
            }
            if (read == null) {
                throw new IllegalStateException(
                        "No read of shard " + shardId + " at " + sequence + " in flight");
            }
            q.remove(read);
            if (q.isEmpty()) {
                heldReads.remove(shardId);
            }
        }
        if (read.failure != null) {
            read.future.completeExceptionally(read.failure);
        } else {
            read.future.complete(read.answer);
        }
    }

    /** A throttling answer of the service ({@code LimitExceeded}, HTTP 429, retryable). */
    public static DataHubException throttled() {
        return ErrorCode.LIMIT_EXCEEDED.exception("Request rate limit exceeded (scripted).");
    }

    /** The service's answer to an expired or unknown cursor ({@code InvalidCursor}). */
    public static DataHubException cursorExpired() {
        return ErrorCode.INVALID_CURSOR.exception("The cursor is expired (scripted).");
    }

    /** The subscription's committed offset of a shard: the last record consumed. */
    public synchronized FakeDataHubClient committedOffset(
            String shardId, long sequence, int batchIndex) {
        offsets.put(shardId, new OffsetWithVersion(sequence, 0, batchIndex, 1));
        return this;
    }

    /**
     * The calls made so far, e.g. {@code "getCursor 0 SEQUENCE 4"}, failed ones ending in {@code "
     * -> ErrorCode"}.
     */
    /**
     * The puts sent and not yet answered, in the order sent. The fake topic is a blob topic; every
     * put waits until the test answers it ({@link HeldPut#succeed}, {@link HeldPut#fail}).
     */
    public synchronized List<HeldPut> putsInFlight() {
        return List.copyOf(heldPuts);
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    public synchronized int openedClients() {
        return opened;
    }

    public synchronized int closedClients() {
        return closed;
    }

    /** A connection whose clients are this fake; nothing is ever sent over the network. */
    public DataHubConnection connection() {
        return DataHubConnection.builder()
                .endpoint("http://fake-datahub.invalid")
                .credentials("fake-id", "fake-key")
                .clientFactory((connection, retryPolicy) -> client())
                .build();
    }

    /** A new client answering from this fake; closing it counts in {@link #closedClients()}. */
    public synchronized DataHubClient client() {
        opened++;
        boolean[] isClosed = {false};
        return (DataHubClient)
                Proxy.newProxyInstance(
                        DataHubClient.class.getClassLoader(),
                        new Class<?>[] {DataHubClient.class},
                        (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "toString":
                                    return "FakeDataHubClient{" + project + "/" + topic + "}";
                                case "hashCode":
                                    return System.identityHashCode(proxy);
                                case "equals":
                                    return proxy == args[0];
                                case "close":
                                    synchronized (this) {
                                        if (!isClosed[0]) {
                                            isClosed[0] = true;
                                            closed++;
                                        }
                                    }
                                    return null;
                                default:
                                    if (isClosed[0]) {
                                        throw new IllegalStateException(
                                                method.getName() + " on a closed client");
                                    }
                                    return answer(
                                            method.getName(), args == null ? new Object[0] : args);
                            }
                        });
    }

    private synchronized Object answer(String method, Object[] a) {
        switch (method) {
            case "listShard":
                return call(Call.LIST_SHARD, "listShard", a, this::listShard);
            case "getCursor":
                long param = a.length > 4 ? (long) a[4] : -1;
                String what = "getCursor " + a[2] + " " + a[3] + (param >= 0 ? " " + param : "");
                return call(
                        Call.GET_CURSOR,
                        what,
                        a,
                        () -> cursor(shardOrFail((String) a[2]), (CursorType) a[3], param));
            case "getCursorAsync":
                // Answered at once, as the service would answer it now, and delivered at once or,
                // while cursors are held, by deliverCursors; failures arrive through the future,
                // as the real client's do.
                {
                    CompletableFuture<Object> future = new CompletableFuture<>();
                    Runnable deliver;
                    try {
                        Object cursor = answer("getCursor", a);
                        deliver = () -> future.complete(cursor);
                    } catch (RuntimeException e) {
                        deliver = () -> future.completeExceptionally(e);
                    }
                    if (holdCursors) {
                        heldCursors.add(deliver);
                        cursorsInFlight.add(a[2] + "@" + a[4]);
                    } else {
                        deliver.run();
                    }
                    return future;
                }
            case "getBlobRecords":
                String cursor = (String) a[3];
                return call(
                        Call.GET_RECORDS,
                        "getRecords " + a[2] + " @" + sequenceOf(cursor) + " limit " + a[4],
                        a,
                        () -> records(shardOrFail((String) a[2]), cursor, (int) a[4]));
            case "getBlobRecordsAsync":
                String asyncCursor = (String) a[3];
                return readAsync(
                        (String) a[2],
                        sequenceOf(asyncCursor),
                        () ->
                                call(
                                        Call.GET_RECORDS,
                                        "getRecords "
                                                + a[2]
                                                + " @"
                                                + sequenceOf(asyncCursor)
                                                + " limit "
                                                + a[4],
                                        a,
                                        () ->
                                                records(
                                                        shardOrFail((String) a[2]),
                                                        asyncCursor,
                                                        cut(
                                                                (String) a[2],
                                                                asyncCursor,
                                                                (int) a[4]))));
            case "getTopic":
                return call(
                        Call.LIST_SHARD,
                        "getTopic",
                        a,
                        () ->
                                new GetTopicResult(
                                        project,
                                        topic,
                                        shards.size(),
                                        1,
                                        RecordType.BLOB,
                                        null,
                                        "",
                                        0,
                                        0,
                                        ExpandMode.SPLIT_EXTEND,
                                        "fake"));
            case "putRecordsAsync":
            case "putRecordsByShardAsync":
                {
                    boolean byShard = method.equals("putRecordsByShardAsync");
                    @SuppressWarnings("unchecked")
                    List<Record> records = (List<Record>) a[byShard ? 3 : 2];
                    HeldPut put = new HeldPut(byShard ? (String) a[2] : null, records);
                    heldPuts.add(put);
                    calls.add(
                            (byShard ? "putRecordsByShard " + a[2] : "putRecords")
                                    + " "
                                    + records.size());
                    return byShard ? put.future.thenApply(r -> null) : put.future;
                }
            case "getSubscriptionOffset":
                if (a.length == 4 && a[3] instanceof List) {
                    @SuppressWarnings("unchecked")
                    List<String> ids = (List<String>) a[3];
                    return call(
                            Call.GET_SUBSCRIPTION_OFFSET,
                            "getSubscriptionOffset " + ids,
                            a,
                            () -> {
                                Map<String, OffsetWithVersion> m = new LinkedHashMap<>();
                                ids.forEach(
                                        id ->
                                                m.put(
                                                        id,
                                                        offsets.getOrDefault(
                                                                id,
                                                                new OffsetWithVersion(-1, -1, 0))));
                                return new GetSubscriptionOffsetResult(m);
                            });
                }
            // fall through: the single-shard overload is not used by the connector
            default:
                throw new UnsupportedOperationException(
                        "FakeDataHubClient: " + method + " is not scripted");
        }
    }

    private Object call(Call kind, String what, Object[] args, Supplier<Object> answer) {
        Deque<DataHubException> queued = failures.get(kind);
        DataHubException failure = queued == null ? null : queued.poll();
        if (failure == null && !(project.equals(args[0]) && topic.equals(args[1]))) {
            failure = ErrorCode.NO_SUCH_TOPIC.exception("The specified topic name does not exist.");
        }
        if (failure != null) {
            calls.add(what + " -> " + failure.getErrorCode());
            throw failure;
        }
        try {
            Object result = answer.get();
            calls.add(what);
            return result;
        } catch (DataHubException e) {
            calls.add(what + " -> " + e.getErrorCode());
            throw e;
        }
    }

    /**
     * An asynchronous read is answered at once, as the service would answer it now; the answer is
     * delivered at once or, while reads are held, by {@link #deliverRead}. Failures arrive through
     * the future, as the real client's do.
     */
    private int cut(String shardId, String cursor, int limit) {
        Integer cut = pageCuts.get(shardId + "@" + sequenceOf(cursor));
        return cut == null ? limit : Math.min(cut, limit);
    }

    private CompletableFuture<Object> readAsync(
            String shardId, long from, Supplier<Object> answer) {
        HeldRead read = new HeldRead();
        read.from = from;
        try {
            read.answer = answer.get();
        } catch (RuntimeException e) {
            read.failure = e;
        }
        if (!holdReads) {
            return read.failure != null
                    ? CompletableFuture.failedFuture(read.failure)
                    : CompletableFuture.completedFuture(read.answer);
        }
        Deque<HeldRead> q = heldReads.computeIfAbsent(shardId, id -> new ArrayDeque<>());
        q.add(read);
        mostReadsOfOneShardInFlight = Math.max(mostReadsOfOneShardInFlight, q.size());
        return read.future;
    }

    private ListShardResult listShard() {
        List<Shard> listed = new ArrayList<>();
        for (FakeShard s : shards.values()) {
            listed.add(
                    new Shard(
                            s.id,
                            s.begin,
                            s.end,
                            s.state,
                            s.state == ShardState.CLOSED ? 1 : 0,
                            s.parents,
                            null,
                            null));
        }
        return new ListShardResult(listed, "http1.1", 0);
    }

    private FakeShard shardOrFail(String id) {
        FakeShard s = shards.get(id);
        if (s == null) {
            throw ErrorCode.NO_SUCH_SHARD.exception(
                    "The specified shard " + id + " does not exist.");
        }
        return s;
    }

    /**
     * As the service: an empty shard has OLDEST and LATEST at its next sequence; other seeks
     * outside the retained records fail.
     */
    private static GetCursorResult cursor(FakeShard s, CursorType type, long param) {
        if (s.first == s.next()) {
            if (type == CursorType.OLDEST || type == CursorType.LATEST) {
                return new GetCursorResult(cursorAt(s.next()), 0, s.next());
            }
            throw outOfRange(type, param);
        }
        long sequence;
        switch (type) {
            case OLDEST:
                sequence = s.first;
                break;
            case LATEST:
                sequence = s.next() - 1;
                break;
            case SEQUENCE:
                if (param < s.first || param >= s.next()) {
                    throw outOfRange(type, param);
                }
                sequence = param;
                break;
            default:
                if (param > s.entry(s.next() - 1).systemTime) {
                    throw outOfRange(type, param);
                }
                sequence = s.first;
                while (s.entry(sequence).systemTime < param) {
                    sequence++;
                }
        }
        return new GetCursorResult(cursorAt(sequence), s.entry(sequence).systemTime, sequence);
    }

    private static DataHubException outOfRange(CursorType type, long param) {
        return ErrorCode.SEEK_OUT_OF_RANGE.exception(
                "The specified "
                        + type.name().toLowerCase(Locale.ROOT)
                        + " "
                        + param
                        + " is out of range.");
    }

    /**
     * Up to {@code limit} sequences (a batch counts once); the end of a closed shard is
     * InvalidShardOperation.
     */
    private static GetRecordsResult records(FakeShard s, String cursor, int limit) {
        long from = sequenceOf(cursor);
        if (from < s.first || from > s.next()) {
            throw ErrorCode.INVALID_CURSOR.exception("The cursor is invalid.");
        }
        long to = Math.min(s.next(), from + limit);
        if (from == to && s.state == ShardState.CLOSED) {
            throw ErrorCode.INVALID_SHARD_OPERATION.exception(
                    "The specified shard " + s.id + " is closed and has been read to its end.");
        }
        List<Record> out = new ArrayList<>();
        for (long seq = from; seq < to; seq++) {
            Entry e = s.entry(seq);
            for (int i = 0; i < e.payloads.size(); i++) {
                out.add(
                        BlobRecord.builder(e.payloads.get(i).getBytes(StandardCharsets.UTF_8))
                                .sequence(seq)
                                .systemTime(e.systemTime)
                                .batchIndex(i, e.payloads.size())
                                .build());
            }
        }
        long latest = s.next() - 1;
        return new GetRecordsResult(
                from == to ? cursor : cursorAt(to),
                (int) (to - from),
                from,
                latest,
                latest < s.first ? -1 : s.entry(latest).systemTime,
                out);
    }

    private static String cursorAt(long sequence) {
        return "cursor-" + sequence;
    }

    private static long sequenceOf(String cursor) {
        return Long.parseLong(cursor.substring("cursor-".length()));
    }

    private static String boundary(int i, int n) {
        return format(KEY_SPACE.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n)));
    }

    private static String format(BigInteger key) {
        return String.format(Locale.ROOT, "%032X", key);
    }

    /** The text of a blob record the fake returned. */
    public static String text(Record r) {
        return new String(((BlobRecord) r).getData(), StandardCharsets.UTF_8);
    }

    /**
     * One shard of the fake topic; sequences are dense from 0, records below {@link #expireBefore}
     * are gone.
     */
    public static final class FakeShard {
        private final String id;
        private final String begin;
        private final String end;
        private final List<String> parents;
        private final List<Entry> entries = new ArrayList<>();
        private ShardState state = ShardState.ACTIVE;
        private long first;

        private FakeShard(String id, String begin, String end, List<String> parents) {
            this.id = id;
            this.begin = begin;
            this.end = end;
            this.parents = List.copyOf(parents);
        }

        public String id() {
            return id;
        }

        /** One record per payload, each at its own sequence, all with this system time. */
        public FakeShard append(long systemTime, String... payloads) {
            for (String p : payloads) {
                entries.add(new Entry(systemTime, List.of(p)));
            }
            return this;
        }

        /** One sequence holding a batch of records (as written in the batch wire mode). */
        public FakeShard appendBatch(long systemTime, String... payloads) {
            entries.add(new Entry(systemTime, List.of(payloads)));
            return this;
        }

        public FakeShard state(ShardState state) {
            this.state = state;
            return this;
        }

        /** Retention: the records below {@code sequence} have expired. */
        public FakeShard expireBefore(long sequence) {
            first = sequence;
            return this;
        }

        private long next() {
            return entries.size();
        }

        private Entry entry(long sequence) {
            return entries.get((int) sequence);
        }
    }

    /** A put the fake holds until the test answers it. */
    public final class HeldPut {
        private final CompletableFuture<PutRecordsResult> future = new CompletableFuture<>();

        /** Null for a put the service routes. */
        public final String shardId;

        public final List<Record> records;

        private HeldPut(String shardId, List<Record> records) {
            this.shardId = shardId;
            this.records = List.copyOf(records);
        }

        /** The payloads of the put's (blob) records, in order. */
        public List<String> texts() {
            List<String> out = new ArrayList<>();
            records.forEach(r -> out.add(text(r)));
            return out;
        }

        /** Writes every record; the answer reaches the writer through its mailbox. */
        public void succeed() {
            answered();
            future.complete(new PutRecordsResult(0, List.of()));
        }

        /** The whole put fails with {@code e}, as the client reports it. */
        public void fail(DataHubException e) {
            answered();
            future.completeExceptionally(e);
        }

        private void answered() {
            synchronized (FakeDataHubClient.this) {
                if (!heldPuts.remove(this)) {
                    throw new IllegalStateException("This put was answered already");
                }
            }
        }
    }

    /** A read answered by the fake and held back from the reader. */
    private static final class HeldRead {
        final CompletableFuture<Object> future = new CompletableFuture<>();
        long from;
        Object answer;
        RuntimeException failure;
    }

    private static final class Entry {
        final long systemTime;
        final List<String> payloads;

        Entry(long systemTime, List<String> payloads) {
            this.systemTime = systemTime;
            this.payloads = payloads;
        }
    }
}
