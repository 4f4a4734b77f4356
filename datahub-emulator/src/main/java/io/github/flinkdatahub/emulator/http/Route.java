package io.github.flinkdatahub.emulator.http;

import io.github.flinkdatahub.client.exception.ErrorCode;

import java.util.Locale;

/**
 * A request path taken apart: which resource it names and its path variables. Names are returned as
 * sent; lookups lower-case them.
 */
public final class Route {
    /** The resource kinds of the protocol's URL tree. */
    public enum Kind {
        PROJECTS,
        PROJECT,
        TOPICS,
        TOPIC,
        SHARDS,
        SHARD,
        CONNECTORS,
        CONNECTOR,
        SUBSCRIPTIONS,
        SUBSCRIPTION,
        OFFSETS
    }

    private final Kind kind;
    private final String project;
    private final String topic;
    private final String id;

    private Route(Kind kind, String project, String topic, String id) {
        this.kind = kind;
        this.project = project;
        this.topic = topic;
        this.id = id;
    }

    /**
     * Parses a path such as {@code /projects/p/topics/t/shards/0}; unknown paths are
     * InvalidUriSpec.
     */
    public static Route parse(String path) {
        String[] s = path.replaceAll("/+$", "").split("/");
        // s[0] is "" (leading slash)
        int n = s.length - 1;
        if (n >= 1 && s[1].equals("projects")) {
            if (n == 1) {
                return new Route(Kind.PROJECTS, null, null, null);
            }
            String p = s[2];
            if (n == 2) {
                return new Route(Kind.PROJECT, p, null, null);
            }
            if (s[3].equals("topics")) {
                if (n == 3) {
                    return new Route(Kind.TOPICS, p, null, null);
                }
                String t = s[4];
                if (n == 4) {
                    return new Route(Kind.TOPIC, p, t, null);
                }
                String sub = s[5].toLowerCase(Locale.ROOT);
                if (n == 5) {
                    switch (sub) {
                        case "shards":
                            return new Route(Kind.SHARDS, p, t, null);
                        case "connectors":
                            return new Route(Kind.CONNECTORS, p, t, null);
                        case "subscriptions":
                            return new Route(Kind.SUBSCRIPTIONS, p, t, null);
                        default:
                            break;
                    }
                } else if (n == 6) {
                    switch (sub) {
                        case "shards":
                            return new Route(Kind.SHARD, p, t, s[6]);
                        case "connectors":
                            return new Route(Kind.CONNECTOR, p, t, s[6]);
                        case "subscriptions":
                            return new Route(Kind.SUBSCRIPTION, p, t, s[6]);
                        default:
                            break;
                    }
                } else if (n == 7 && sub.equals("subscriptions") && s[7].equals("offsets")) {
                    return new Route(Kind.OFFSETS, p, t, s[6]);
                }
            }
        }
        throw ErrorCode.INVALID_URI_SPEC.exception("Unknown resource path " + path);
    }

    public Kind kind() {
        return kind;
    }

    public String project() {
        return project;
    }

    public String topic() {
        return topic;
    }

    /** Shard id, connector id (or type) or subscription id, depending on the kind. */
    public String id() {
        return id;
    }
}
