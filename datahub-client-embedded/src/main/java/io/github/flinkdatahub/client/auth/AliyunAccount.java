package io.github.flinkdatahub.client.auth;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.protocol.signing.RequestSigner;

import java.util.List;
import java.util.Map;

/**
 * An Alibaba Cloud access key pair, optionally with an STS security token. The key and token are
 * secrets: they are never printed, not even by {@link #toString()}.
 */
@PublicEvolving
public final class AliyunAccount implements Account {
    public static final String SECURITY_TOKEN_HEADER = "x-datahub-security-token";

    private final String accessId;
    private final String accessKey;
    private final String securityToken;

    public AliyunAccount(String accessId, String accessKey) {
        this(accessId, accessKey, null);
    }

    public AliyunAccount(String accessId, String accessKey, String securityToken) {
        this.accessId = Validation.notEmpty(accessId, "accessId");
        this.accessKey = Validation.notEmpty(accessKey, "accessKey");
        this.securityToken =
                securityToken == null || securityToken.isEmpty() ? null : securityToken;
    }

    public String getAccessId() {
        return accessId;
    }

    /** Whether an STS security token is attached to requests. */
    public boolean hasSecurityToken() {
        return securityToken != null;
    }

    @Override
    public AccountType getType() {
        return AccountType.ALIYUN;
    }

    @Override
    public void sign(String method, String pathAndQuery, Map<String, List<String>> headers) {
        if (securityToken != null) {
            headers.put(SECURITY_TOKEN_HEADER, List.of(securityToken));
        }
        headers.put(
                "Authorization",
                List.of(
                        RequestSigner.authorization(
                                accessId, accessKey, method, pathAndQuery, headers)));
    }

    @Override
    public String toString() {
        return "AliyunAccount{accessId="
                + accessId
                + ", accessKey=******"
                + (securityToken != null ? ", securityToken=******" : "")
                + '}';
    }
}
