package io.github.flinkdatahub.client;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.auth.Account;
import io.github.flinkdatahub.client.auth.AliyunAccount;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.model.CompressFormat;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Builds a {@link DataHubClient}. Only the endpoint and credentials are required:
 *
 * <pre>{@code
 * DataHubClient client = DataHubClient.builder()
 *         .endpoint("https://dh-cn-hangzhou.aliyuncs.com")
 *         .credentials(accessId, accessKey)
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class DataHubClientBuilder {
    private static final String VERSION = versionOf(DataHubClientBuilder.class);

    private String endpoint;
    private Account account;
    private WireMode wireMode = WireMode.PROTOBUF;
    private CompressFormat compression;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private String userAgentSuffix;
    private boolean schemaRegistry;

    DataHubClientBuilder() {}

    /**
     * e.g. {@code https://dh-cn-hangzhou.aliyuncs.com}; {@code http://} is assumed without a
     * scheme.
     */
    public DataHubClientBuilder endpoint(String endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    public DataHubClientBuilder credentials(String accessId, String accessKey) {
        return account(new AliyunAccount(accessId, accessKey));
    }

    /** Access key pair plus an STS security token. */
    public DataHubClientBuilder credentials(
            String accessId, String accessKey, String securityToken) {
        return account(new AliyunAccount(accessId, accessKey, securityToken));
    }

    public DataHubClientBuilder account(Account account) {
        this.account = account;
        return this;
    }

    /** Record wire format; PROTOBUF by default. */
    public DataHubClientBuilder wireMode(WireMode wireMode) {
        this.wireMode = Validation.notNull(wireMode, "wireMode");
        return this;
    }

    /**
     * Compression of record bodies. Default: NONE in JSON and PROTOBUF modes, LZ4 for BATCH blobs
     * (as the official SDKs).
     */
    public DataHubClientBuilder compression(CompressFormat compression) {
        this.compression = Validation.notNull(compression, "compression");
        return this;
    }

    /**
     * With the topic schema registry (BATCH wire only, as in the official SDKs): a put names the
     * registered version of its records' schema (the schema must be registered, see {@link
     * DataHubClient#registerTopicSchema}; an appended field registers the topic's new schema), and
     * a get reads each record with the schema of the version it names, so records written before
     * and after an append each keep their own fields. Without it a batch put names version 0 and
     * records are read with the schema the caller passes. Off by default.
     */
    public DataHubClientBuilder schemaRegistry(boolean enabled) {
        this.schemaRegistry = enabled;
        return this;
    }

    public DataHubClientBuilder retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Validation.notNull(retryPolicy, "retryPolicy");
        return this;
    }

    public DataHubClientBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = Validation.notNull(connectTimeout, "connectTimeout");
        return this;
    }

    /** Time limit of one HTTP exchange (each retry gets its own). */
    public DataHubClientBuilder requestTimeout(Duration requestTimeout) {
        this.requestTimeout = Validation.notNull(requestTimeout, "requestTimeout");
        return this;
    }

    /** Appended to the User-Agent header, e.g. to name the application in service logs. */
    public DataHubClientBuilder userAgentSuffix(String suffix) {
        this.userAgentSuffix = suffix;
        return this;
    }

    public DataHubClientConfig buildConfig() {
        Validation.check(
                endpoint != null && !endpoint.isBlank(),
                "endpoint is required, e.g. https://dh-cn-hangzhou.aliyuncs.com");
        Validation.check(
                account != null, "credentials are required: call credentials(accessId, accessKey)");
        Validation.check(!Endpoints.hasUserInfo(endpoint), Endpoints.USER_INFO_REFUSED);
        String e = endpoint.trim();
        if (!e.contains("://")) {
            e = "http://" + e;
        }
        if (!e.endsWith("/")) {
            e = e + "/";
        }
        URI uri;
        try {
            uri = URI.create(e);
        } catch (IllegalArgumentException ex) {
            // The parser's message repeats the whole input, which may hold a secret: say where
            // and why only.
            String why =
                    ex.getCause() instanceof URISyntaxException
                            ? ((URISyntaxException) ex.getCause()).getReason()
                                    + " at character "
                                    + ((URISyntaxException) ex.getCause()).getIndex()
                            : "malformed";
            throw Validation.invalid(
                    "endpoint is not a valid URL ("
                            + why
                            + "); expected e.g. https://dh-cn-hangzhou.aliyuncs.com");
        }
        Validation.check(
                "http".equalsIgnoreCase(uri.getScheme())
                        || "https".equalsIgnoreCase(uri.getScheme()),
                "endpoint must use http or https, got '" + uri.getScheme() + "'");
        Validation.check(uri.getHost() != null, "endpoint '" + endpoint + "' has no host");
        Validation.check(
                !schemaRegistry || wireMode == WireMode.BATCH,
                "schemaRegistry needs wireMode BATCH (only batch records name a schema version), got "
                        + wireMode);
        CompressFormat c =
                compression != null
                        ? compression
                        : wireMode == WireMode.BATCH ? CompressFormat.LZ4 : CompressFormat.NONE;
        String ua =
                "flink-datahub-client/"
                        + VERSION
                        + " Java/"
                        + System.getProperty("java.version")
                        + (userAgentSuffix == null || userAgentSuffix.isBlank()
                                ? ""
                                : " " + userAgentSuffix);
        return new DataHubClientConfig(
                uri,
                account,
                wireMode,
                c,
                retryPolicy,
                connectTimeout,
                requestTimeout,
                ua,
                schemaRegistry);
    }

    public DataHubClient build() {
        return new DefaultDataHubClient(buildConfig());
    }

    private static String versionOf(Class<?> c) {
        String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
