package io.github.flinkdatahub.client;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** Checks on endpoint URLs shared by the client's and the connector's builders. */
@PublicEvolving
public final class Endpoints {
    private Endpoints() {}

    /**
     * Whether {@code endpoint} carries user info ({@code http://id:key@host}). Such an endpoint is
     * refused, never printed: it would put credentials into every log line naming the endpoint.
     */
    public static boolean hasUserInfo(String endpoint) {
        if (endpoint == null) {
            return false;
        }
        String e = endpoint.trim();
        int scheme = e.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = e.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = e.indexOf(c, start);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return e.indexOf('@', start) >= 0 && e.indexOf('@', start) < end;
    }

    /** The error message for an endpoint with user info; it does not repeat the endpoint. */
    public static final String USER_INFO_REFUSED =
            "endpoint must not contain user info (id:key@host): it would be printed wherever the"
                    + " endpoint is; give the AccessKey pair as credentials instead";
}
