package io.github.flinkdatahub.client.auth;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** Kind of account. DataHub supports only Alibaba Cloud access keys. */
@PublicEvolving
public enum AccountType {
    ALIYUN
}
