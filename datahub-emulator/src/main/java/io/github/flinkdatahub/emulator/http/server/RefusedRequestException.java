package io.github.flinkdatahub.emulator.http.server;

import java.io.IOException;

/**
 * A request the front-end will not serve: its head or body breaks HTTP/1.1 or one of the {@link
 * HttpLimits}. It is answered (by {@link HttpHandler#refuse}) and its connection closed with the
 * rest of the request unread.
 */
public final class RefusedRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why a request is refused, with the HTTP status of the answer. */
    public enum Reason {
        REQUEST_LINE_TOO_LONG(414),
        MALFORMED_REQUEST_LINE(400),
        UNSUPPORTED_METHOD(400),
        UNSUPPORTED_VERSION(505),
        HEADER_SECTION_TOO_LARGE(431),
        TOO_MANY_HEADERS(431),
        MALFORMED_HEADER(400),
        UNSUPPORTED_EXPECTATION(417),
        MALFORMED_BODY(400),
        TOO_MANY_CONNECTIONS(503);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    RefusedRequestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public int status() {
        return reason.status;
    }
}
