package io.github.flinkdatahub.emulator.http.server;

import java.io.IOException;

/** What the front-end hands each request to: the layer that speaks the API served over HTTP. */
public interface HttpHandler {
    /**
     * Answers one request. The body may be read partly or not at all; the connection is then closed
     * after the answer. May block (e.g. for added latency): each connection has its own thread. An
     * {@link IOException} (the client went away) drops the connection without an answer; a {@link
     * RefusedRequestException} from reading the body is answered by {@link #refuse}.
     */
    HttpResponse handle(RequestHead head, RequestBody body)
            throws IOException, InterruptedException;

    /** The answer to a request refused by the front-end itself; its connection is then closed. */
    HttpResponse refuse(RefusedRequestException refusal);
}
