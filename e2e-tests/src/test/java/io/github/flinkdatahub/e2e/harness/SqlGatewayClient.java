package io.github.flinkdatahub.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL Gateway's REST API (v1 paths): sessions, statements, results. */
public final class SqlGatewayClient {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(120);

    private final JsonHttp http;
    private final String whereToLook;

    public SqlGatewayClient(URI base, String whereToLook) {
        this.http = new JsonHttp(base, whereToLook);
        this.whereToLook = whereToLook;
    }

    public Session openSession(Map<String, String> properties) {
        JsonNode answer = http.post("v1/sessions", Map.of("properties", properties));
        return new Session(answer.path("sessionHandle").asText());
    }

    /**
     * One result row: its change kind (INSERT, UPDATE_AFTER, ...) and its fields as text (null
     * stays null).
     */
    public static final class Row {
        private final String kind;
        private final List<String> fields;

        Row(String kind, List<String> fields) {
            this.kind = kind;
            this.fields = Collections.unmodifiableList(fields);
        }

        public String kind() {
            return kind;
        }

        public List<String> fields() {
            return fields;
        }

        public String field(int index) {
            return fields.get(index);
        }

        @Override
        public String toString() {
            return kind + fields;
        }
    }

    /** A failed statement; the message carries the gateway's error text with the root cause. */
    public static final class StatementFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        StatementFailedException(String statement, RuntimeException cause) {
            super("statement failed: " + statement + "\n" + cause.getMessage(), cause);
        }
    }

    /** A gateway session; statements in it share catalogs, ADD JARs and SET options. */
    public final class Session implements AutoCloseable {
        private final String handle;

        private Session(String handle) {
            this.handle = handle;
        }

        /**
         * Runs a statement with a bounded result (DDL, SHOW, DESCRIBE, SET, ADD JAR) and returns
         * all rows.
         */
        public List<Row> execute(String statement) {
            String operation = submit(statement);
            try {
                return fetch(statement, operation, Integer.MAX_VALUE, STATEMENT_TIMEOUT);
            } finally {
                closeOperation(operation);
            }
        }

        /** Submits an INSERT (asynchronous, the gateway's default) and returns the Flink job id. */
        public String executeInsert(String statement) {
            String operation = submit(statement);
            try {
                JsonNode first = awaitFirstPayload(statement, operation);
                String jobId = first.path("jobID").asText(null);
                if (jobId == null) {
                    throw new AssertionError(
                            "no job id in the answer to " + statement + ": " + first);
                }
                return jobId;
            } finally {
                closeOperation(operation);
            }
        }

        /**
         * Runs a (possibly unbounded) query until {@code rows} rows arrived, then closes the
         * operation, which cancels its job.
         */
        public List<Row> query(String statement, int rows, Duration timeout) {
            String operation = submit(statement);
            try {
                return fetch(statement, operation, rows, timeout);
            } finally {
                closeOperation(operation);
            }
        }

        private String submit(String statement) {
            try {
                JsonNode answer =
                        http.post(
                                "v1/sessions/" + handle + "/statements",
                                Map.of("statement", statement));
                return answer.path("operationHandle").asText();
            } catch (JsonHttp.RestException e) {
                throw new StatementFailedException(statement, e);
            }
        }

        private JsonNode awaitFirstPayload(String statement, String operation) {
            String path =
                    "v1/sessions/"
                            + handle
                            + "/operations/"
                            + operation
                            + "/result/0?rowFormat=JSON";
            return Wait.until(
                    "the first result of " + statement,
                    STATEMENT_TIMEOUT,
                    () -> whereToLook,
                    () -> {
                        JsonNode page = page(statement, path);
                        return "NOT_READY".equals(page.path("resultType").asText())
                                ? Optional.empty()
                                : Optional.of(page);
                    });
        }

        private List<Row> fetch(String statement, String operation, int wanted, Duration timeout) {
            List<Row> rows = new ArrayList<>();
            String[] next = {
                "v1/sessions/" + handle + "/operations/" + operation + "/result/0?rowFormat=JSON"
            };
            Wait.untilTrue(
                    wanted == Integer.MAX_VALUE
                            ? "all results of " + statement
                            : wanted
                                    + " rows from "
                                    + statement
                                    + " (got "
                                    + rows.size()
                                    + " so far)",
                    timeout,
                    () -> whereToLook,
                    () -> {
                        JsonNode page = page(statement, next[0]);
                        String type = page.path("resultType").asText();
                        if ("PAYLOAD".equals(type) || "EOS".equals(type)) {
                            for (JsonNode row : page.path("results").path("data")) {
                                List<String> fields = new ArrayList<>();
                                for (JsonNode field : row.path("fields")) {
                                    fields.add(
                                            field.isNull()
                                                    ? null
                                                    : field.isValueNode()
                                                            ? field.asText()
                                                            : field.toString());
                                }
                                rows.add(new Row(row.path("kind").asText(), fields));
                            }
                        }
                        JsonNode nextUri = page.path("nextResultUri");
                        if ("EOS".equals(type) || nextUri.isMissingNode() || nextUri.isNull()) {
                            return true;
                        }
                        next[0] = nextUri.asText().replaceFirst("^/", "");
                        return rows.size() >= wanted;
                    });
            return rows;
        }

        private JsonNode page(String statement, String path) {
            try {
                return http.get(path);
            } catch (JsonHttp.RestException e) {
                // The statement failed: fail at once with the gateway's explanation.
                throw new StatementFailedException(statement, e);
            }
        }

        private void closeOperation(String operation) {
            try {
                http.delete("v1/sessions/" + handle + "/operations/" + operation + "/close");
            } catch (RuntimeException ignored) {
                // Already closed or failed; nothing to release.
            }
        }

        @Override
        public void close() {
            try {
                http.delete("v1/sessions/" + handle);
            } catch (RuntimeException ignored) {
                // The gateway may already be down at the end of the run.
            }
        }
    }
}
