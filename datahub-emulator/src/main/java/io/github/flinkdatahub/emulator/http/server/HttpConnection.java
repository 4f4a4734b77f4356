package io.github.flinkdatahub.emulator.http.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;

/**
 * Serves the requests of one connection in turn on its own thread, keeping the connection open
 * between requests until the client closes it, asks to close it, leaves it idle past the timeout,
 * or a request is answered before its body was read to the end.
 */
final class HttpConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);

    private static final int BUFFER_BYTES = 16 * 1024;

    /**
     * After an answer that closes the connection, at most this much of what the client still sends
     * is discarded before the socket closes: closing with unread bytes resets the connection, and a
     * reset can destroy the answer before the client has read it.
     */
    private static final int LINGER_DISCARD_BYTES = 64 * 1024;

    private static final int LINGER_MILLIS = 1000;

    private final Socket socket;
    private final HttpLimits limits;
    private final HttpHandler handler;
    private final Consumer<HttpConnection> onClose;

    /** Between requests (waiting for the next one's head), and since when (System.nanoTime). */
    private volatile boolean idle;

    private volatile long idleSince;

    HttpConnection(
            Socket socket,
            HttpLimits limits,
            HttpHandler handler,
            Consumer<HttpConnection> onClose) {
        this.socket = socket;
        this.limits = limits;
        this.handler = handler;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (SocketTimeoutException e) {
            LOG.debug("Closing a connection idle for {}", limits.idleTimeout());
        } catch (IOException e) {
            LOG.debug("A connection closed: {}", e.toString());
        } catch (InterruptedException e) {
            // The server is closing.
        } catch (RuntimeException e) {
            LOG.error("A connection failed", e);
        } finally {
            close();
            onClose.accept(this);
        }
    }

    private void serve() throws IOException, InterruptedException {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) limits.idleTimeout().toMillis());
        ConnectionInput in = new ConnectionInput(socket.getInputStream(), BUFFER_BYTES);
        ResponseWriter out = new ResponseWriter(socket.getOutputStream());
        RequestHeadParser parser = new RequestHeadParser(in, limits);
        boolean keepAlive = true;
        while (keepAlive) {
            try {
                idleSince = System.nanoTime();
                idle = true;
                RequestHead head = parser.next();
                idle = false;
                if (head == null) {
                    return;
                }
                RequestBody body = new RequestBody(in, out, head, limits);
                HttpResponse response = handler.handle(head, body);
                if (response.isNoAnswer()) {
                    return;
                }
                // A body left unread would be taken for the next request: close instead.
                keepAlive = head.keepAlive() && body.isFullyRead();
                out.write(response, head.method().equals("HEAD"), keepAlive, head.isHttp10());
            } catch (RefusedRequestException refused) {
                LOG.debug("Refused a request: {}", refused.getMessage());
                out.write(handler.refuse(refused), false, false, false);
                keepAlive = false;
            }
        }
        linger(in);
    }

    /** Sends the end of the stream, then discards a little of what the client still sends. */
    private void linger(InputStream in) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(LINGER_MILLIS);
        byte[] discard = new byte[8192];
        int total = 0;
        int n;
        try {
            while (total < LINGER_DISCARD_BYTES && (n = in.read(discard)) >= 0) {
                total += n;
            }
        } catch (SocketTimeoutException quiet) {
            // The client sends nothing more and keeps its end open: close ours.
        }
    }

    /** Waiting for its next request (a keep-alive connection between requests). */
    boolean isIdle() {
        return idle;
    }

    /** When it last began to wait for a request (System.nanoTime); meaningful while idle. */
    long idleSince() {
        return idleSince;
    }

    /** Closes the socket; a thread blocked reading it wakes up with an exception. */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing a connection failed", e);
        }
    }
}
