package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.DatahubClientBuilder;
import com.aliyun.datahub.client.auth.AliyunAccount;
import com.aliyun.datahub.client.common.DatahubConfig;
import com.aliyun.datahub.client.http.HttpConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds unmodified official SDK clients pointed at one emulator, in every configuration a user can
 * choose.
 */
final class Sdk {
    /** The service's split/merge cool-down for new shards. */
    static final Duration COOL_DOWN = Duration.ofSeconds(5);

    private static final HttpClient ADMIN = HttpClient.newHttpClient();
    private static final Pattern NOW_MILLIS = Pattern.compile("\"nowMillis\"\\s*:\\s*(\\d+)");

    private final String endpoint;

    Sdk(String endpoint) {
        this.endpoint = endpoint;
    }

    String endpoint() {
        return endpoint;
    }

    /** The default client: protobuf records, no HTTP compression. */
    DatahubClient client() {
        return client(ClientMode.PROTOBUF);
    }

    DatahubClient client(ClientMode mode) {
        return client(mode, EmulatorProcess.ACCESS_ID, EmulatorProcess.ACCESS_KEY);
    }

    DatahubClient client(ClientMode mode, String accessId, String accessKey) {
        AliyunAccount account = new AliyunAccount(accessId, accessKey);
        DatahubConfig config;
        switch (mode.wire) {
            case JSON:
                config = new DatahubConfig(endpoint, account, false);
                break;
            case PROTOBUF:
                config = new DatahubConfig(endpoint, account);
                break;
            case BATCH:
                config = new DatahubConfig(endpoint, account).setEnableBatch(true);
                break;
            case BATCH_SCHEMA_REGISTRY:
                config =
                        new DatahubConfig(endpoint, account)
                                .setEnableBatch(true)
                                .setEnableSchemaRegistry(true);
                break;
            default:
                throw new IllegalArgumentException("Unknown wire " + mode.wire);
        }
        HttpConfig http = new HttpConfig().setCompressType(mode.compress).setReadTimeout(30_000);
        return DatahubClientBuilder.newBuilder()
                .setDatahubConfig(config)
                .setHttpConfig(http)
                .build();
    }

    /**
     * Runs a split or merge once the service's 5 s cool-down for new shards is over: moves the data
     * clock past it rather than waiting (the emulator would answer {@code LimitExceeded}
     * meanwhile).
     */
    <T> T afterCoolDown(Supplier<T> call) {
        advanceDataClock(COOL_DOWN);
        return call.get();
    }

    /**
     * Lets time pass for the emulator's records and shards (lifecycle, cool-downs, opening) without
     * waiting.
     */
    void advanceDataClock(Duration by) {
        admin("/__emulator/clock/advance?millis=" + by.toMillis());
    }

    /**
     * Stops the emulator's data clock: only {@link #advanceDataClock} moves it until {@link
     * #resumeDataClock}, so a test can check what holds "not yet" without racing real time.
     */
    void pauseDataClock() {
        admin("/__emulator/clock/pause");
    }

    void resumeDataClock() {
        admin("/__emulator/clock/resume");
    }

    /** The emulator's data clock, which stamps record system times and create times. */
    long dataClockMillis() {
        Matcher m = NOW_MILLIS.matcher(admin("/__emulator/clock"));
        assertThat(m.find()).as("the clock's answer names nowMillis").isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The emulator's unsigned admin endpoint: GET for the clock, POST for every change. */
    private String admin(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery));
        if (pathAndQuery.equals("/__emulator/clock")) {
            request.GET();
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response =
                    ADMIN.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(pathAndQuery + ": " + response.body())
                    .isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
