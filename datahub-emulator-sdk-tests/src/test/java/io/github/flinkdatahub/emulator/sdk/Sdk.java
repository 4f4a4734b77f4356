package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.DatahubClientBuilder;
import com.aliyun.datahub.client.auth.AliyunAccount;
import com.aliyun.datahub.client.common.DatahubConfig;
import com.aliyun.datahub.client.exception.LimitExceededException;
import com.aliyun.datahub.client.http.HttpConfig;

import java.time.Duration;
import java.util.function.Supplier;

/** Builds unmodified official SDK clients pointed at one emulator, in every configuration a user can choose. */
final class Sdk {
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
                config = new DatahubConfig(endpoint, account).setEnableBatch(true).setEnableSchemaRegistry(true);
                break;
            default:
                throw new IllegalArgumentException("Unknown wire " + mode.wire);
        }
        HttpConfig http = new HttpConfig().setCompressType(mode.compress).setReadTimeout(30_000);
        return DatahubClientBuilder.newBuilder().setDatahubConfig(config).setHttpConfig(http).build();
    }

    /**
     * Runs a split or merge, waiting out the service's 5 s cool-down for new shards (it answers
     * {@code LimitExceeded} meanwhile, which callers are expected to retry).
     */
    static <T> T retryingLimitExceeded(Supplier<T> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (LimitExceededException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(Duration.ofMillis(500));
            }
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
