package io.github.flinkdatahub.emulator.http;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.emulator.api.ConnectorApi;
import io.github.flinkdatahub.emulator.api.ProjectApi;
import io.github.flinkdatahub.emulator.api.RecordApi;
import io.github.flinkdatahub.emulator.api.ShardApi;
import io.github.flinkdatahub.emulator.api.SubscriptionApi;
import io.github.flinkdatahub.emulator.api.TopicApi;

/** Sends each request to the API part that serves its resource, method and action. */
public final class Router implements RequestHandler {
    private final ProjectApi projects;
    private final TopicApi topics;
    private final ShardApi shards;
    private final RecordApi records;
    private final ConnectorApi connectors;
    private final SubscriptionApi subscriptions;

    public Router(
            ProjectApi projects,
            TopicApi topics,
            ShardApi shards,
            RecordApi records,
            ConnectorApi connectors,
            SubscriptionApi subscriptions) {
        this.projects = projects;
        this.topics = topics;
        this.shards = shards;
        this.records = records;
        this.connectors = connectors;
        this.subscriptions = subscriptions;
    }

    @Override
    public ApiResponse handle(Route r, ApiRequest req) {
        String m = req.method();
        String p = r.project();
        String t = r.topic();
        switch (r.kind()) {
            case PROJECTS:
                if (m.equals("GET")) {
                    return projects.list(req);
                }
                break;
            case PROJECT:
                switch (m) {
                    case "POST":
                        return projects.create(p, req);
                    case "GET":
                        return projects.get(p);
                    case "PUT":
                        return projects.update(p, req);
                    case "DELETE":
                        return projects.delete(p);
                    default:
                        break;
                }
                break;
            case TOPICS:
                if (m.equals("GET")) {
                    return topics.list(p, req);
                }
                break;
            case TOPIC:
                switch (m) {
                    case "POST":
                        return topics.post(p, t, req);
                    case "GET":
                        return topics.get(p, t);
                    case "PUT":
                        return topics.update(p, t, req);
                    case "DELETE":
                        return topics.delete(p, t);
                    default:
                        break;
                }
                break;
            case SHARDS:
                if (m.equals("GET")) {
                    return shards.list(p, t);
                }
                if (m.equals("POST")) {
                    return req.action().equals("pub")
                            ? records.putRecords(p, t, req)
                            : shards.post(p, t, req);
                }
                break;
            case SHARD:
                if (m.equals("POST")) {
                    switch (req.action()) {
                        case "pub":
                            return records.putRecordsByShard(p, t, r.id(), req);
                        case "sub":
                            return records.getRecords(p, t, r.id(), req);
                        case "cursor":
                            return records.getCursor(p, t, r.id(), req);
                        case "meter":
                            return shards.meter(p, t, r.id());
                        default:
                            throw ErrorCode.INVALID_PARAMETER.exception(
                                    "Unsupported action '" + req.action() + "' on a shard.");
                    }
                }
                break;
            case CONNECTORS:
                if (m.equals("GET")) {
                    return connectors.list(p, t, req);
                }
                break;
            case CONNECTOR:
                switch (m) {
                    case "POST":
                        return connectors.post(p, t, r.id(), req);
                    case "GET":
                        return connectors.get(p, t, r.id(), req);
                    case "DELETE":
                        return connectors.delete(p, t, r.id());
                    default:
                        break;
                }
                break;
            case SUBSCRIPTIONS:
                if (m.equals("POST")) {
                    return subscriptions.post(p, t, req);
                }
                break;
            case SUBSCRIPTION:
                switch (m) {
                    case "GET":
                        return subscriptions.get(p, t, r.id());
                    case "PUT":
                        return subscriptions.update(p, t, r.id(), req);
                    case "DELETE":
                        return subscriptions.delete(p, t, r.id());
                    case "POST":
                        return subscriptions.group(p, t, r.id(), req);
                    default:
                        break;
                }
                break;
            case OFFSETS:
                if (m.equals("POST") || m.equals("PUT")) {
                    return subscriptions.offsets(p, t, r.id(), req);
                }
                break;
            default:
                break;
        }
        throw ErrorCode.INVALID_URI_SPEC.exception(
                "Method " + m + " is not supported on " + req.path());
    }
}
