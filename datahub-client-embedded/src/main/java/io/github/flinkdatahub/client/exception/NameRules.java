package io.github.flinkdatahub.client.exception;

import io.github.flinkdatahub.client.annotation.Internal;

import java.util.regex.Pattern;

/**
 * The service's naming rules, checked before a request is sent (names are also path segments, so
 * nothing outside these rules may reach a URL).
 */
@Internal
public final class NameRules {
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z][A-Za-z0-9_]{2,31}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");
    private static final Pattern EXISTING_NAME = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final Pattern SHARD_ID = Pattern.compile("[0-9]{1,10}");
    private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");
    public static final int MAX_COMMENT_LENGTH = 1024;

    private NameRules() {}

    public static String project(String name) {
        Validation.check(
                name != null && PROJECT.matcher(name).matches(),
                "Invalid project name '"
                        + name
                        + "': 3-32 characters, letters, digits and '_', starting with a letter");
        return name;
    }

    public static String topic(String name) {
        Validation.check(
                name != null && TOPIC.matcher(name).matches(),
                "Invalid topic name '"
                        + name
                        + "': 1-128 characters, letters, digits and '_', starting with a letter");
        return name;
    }

    /**
     * A name of an existing project or topic used in a path. Looser than the creation rules, so
     * resources made under older rules stay reachable, but still path-safe.
     */
    public static String existing(String name, String what) {
        Validation.check(
                name != null && EXISTING_NAME.matcher(name).matches(),
                "Invalid " + what + " name '" + name + "': letters, digits and '_' only");
        return name;
    }

    public static String field(String name) {
        Validation.check(
                name != null && FIELD.matcher(name).matches(),
                "Invalid field name '" + name + "': 1-128 characters, letters, digits and '_'");
        return name;
    }

    public static String shardId(String shardId) {
        Validation.check(
                shardId != null && SHARD_ID.matcher(shardId).matches(),
                "Invalid shard id '" + shardId + "': a shard id is a decimal number such as \"0\"");
        return shardId;
    }

    /** Subscription and connector ids (server-generated). */
    public static String resourceId(String id, String what) {
        Validation.check(
                id != null && RESOURCE_ID.matcher(id).matches(),
                "Invalid " + what + " '" + id + "': expected the id returned by the service");
        return id;
    }

    public static String comment(String comment) {
        Validation.check(comment != null, "comment must not be null (use \"\" for none)");
        Validation.check(
                comment.length() <= MAX_COMMENT_LENGTH,
                "comment is "
                        + comment.length()
                        + " characters; the service allows at most "
                        + MAX_COMMENT_LENGTH);
        return comment;
    }
}
