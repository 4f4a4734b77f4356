package io.github.flinkdatahub.client.auth;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.List;
import java.util.Map;

/** Credentials that can sign a request. */
@PublicEvolving
public interface Account {
    AccountType getType();

    /**
     * Adds the headers that authenticate a request (e.g. {@code Authorization}, a security token)
     * to {@code headers}, which already holds every other header that will be sent.
     */
    void sign(String method, String pathAndQuery, Map<String, List<String>> headers);
}
