package io.github.flinkdatahub.emulator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.flinkdatahub.client.protocol.json.Json;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The emulator's state in an H2 MVStore: metadata documents (JSON, one map per kind, keyed by
 * lower-case path such as {@code project/topic}) and one record log map per shard. With a data
 * directory every {@link #commit()} writes to the store file before the caller answers, so an
 * acknowledged request survives a {@code kill -9}; without one everything lives in memory.
 */
public final class EmulatorStore implements AutoCloseable {
    public static final String FILE_NAME = "datahub.mv.db";

    private final MVStore mv;
    private final MVMap<String, String> projects;
    private final MVMap<String, String> topics;
    private final MVMap<String, String> subscriptions;
    private final MVMap<String, String> offsets;
    private final MVMap<String, String> connectors;

    private EmulatorStore(MVStore mv) {
        this.mv = mv;
        this.projects = mv.openMap("projects");
        this.topics = mv.openMap("topics");
        this.subscriptions = mv.openMap("subscriptions");
        this.offsets = mv.openMap("offsets");
        this.connectors = mv.openMap("connectors");
    }

    /**
     * A durable store in {@code dataDir} (created if missing); reopens what an earlier run left.
     */
    public static EmulatorStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDir, e);
        }
        MVStore mv =
                new MVStore.Builder()
                        .fileName(dataDir.resolve(FILE_NAME).toString())
                        .autoCommitDisabled()
                        .open();
        return new EmulatorStore(mv);
    }

    public static EmulatorStore inMemory() {
        return new EmulatorStore(new MVStore.Builder().autoCommitDisabled().open());
    }

    /**
     * Canonical key of a path of names: lower-cased (names are case-insensitive), joined by '/'.
     */
    public static String key(String... names) {
        return String.join("/", names).toLowerCase(Locale.ROOT);
    }

    public Docs<ProjectDoc> projects() {
        return new Docs<>(projects, ProjectDoc.class);
    }

    public Docs<TopicDoc> topics() {
        return new Docs<>(topics, TopicDoc.class);
    }

    /** Subscription documents; their class is given by the subscription code that owns them. */
    public <T> Docs<T> subscriptions(Class<T> type) {
        return new Docs<>(subscriptions, type);
    }

    public <T> Docs<T> offsets(Class<T> type) {
        return new Docs<>(offsets, type);
    }

    public <T> Docs<T> connectors(Class<T> type) {
        return new Docs<>(connectors, type);
    }

    /** The record log of one shard: sequence → stored entry. */
    public MVMap<Long, byte[]> records(String topicKey, String shardId) {
        return mv.openMap("records/" + topicKey + "/" + shardId);
    }

    /** Drops every record log of a topic (on topic deletion). */
    public void dropRecords(String topicKey) {
        String prefix = "records/" + topicKey + "/";
        for (String name : new ArrayList<>(mv.getMapNames())) {
            if (name.startsWith(prefix)) {
                mv.removeMap(name);
            }
        }
    }

    /** Makes every change so far durable (written to the store file). */
    public void commit() {
        mv.commit();
    }

    @Override
    public void close() {
        if (!mv.isClosed()) {
            mv.close();
        }
    }

    /** A map of JSON documents of one type. */
    public static final class Docs<T> {
        private final MVMap<String, String> map;
        private final Class<T> type;

        Docs(MVMap<String, String> map, Class<T> type) {
            this.map = map;
            this.type = type;
        }

        public T get(String key) {
            String json = map.get(key);
            return json == null ? null : read(json);
        }

        public boolean contains(String key) {
            return map.containsKey(key);
        }

        public void put(String key, T doc) {
            try {
                map.put(key, Json.MAPPER.writeValueAsString(doc));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot store " + doc, e);
            }
        }

        public void remove(String key) {
            map.remove(key);
        }

        /** Documents whose key starts with {@code prefix + "/"}, in key order. */
        public List<T> under(String prefix) {
            String from = prefix + "/";
            List<T> out = new ArrayList<>();
            Cursor<String, String> c = map.cursor(from);
            while (c.hasNext()) {
                String k = c.next();
                if (!k.startsWith(from)) {
                    break;
                }
                out.add(read(c.getValue()));
            }
            return out;
        }

        /** Keys starting with {@code prefix + "/"}. */
        public List<String> keysUnder(String prefix) {
            String from = prefix + "/";
            List<String> out = new ArrayList<>();
            Cursor<String, String> c = map.cursor(from);
            while (c.hasNext()) {
                String k = c.next();
                if (!k.startsWith(from)) {
                    break;
                }
                out.add(k);
            }
            return out;
        }

        public List<T> all() {
            List<T> out = new ArrayList<>();
            map.values().forEach(v -> out.add(read(v)));
            return out;
        }

        private T read(String json) {
            try {
                return Json.MAPPER.readValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        "Corrupt " + type.getSimpleName() + " document: " + json, e);
            }
        }
    }
}
