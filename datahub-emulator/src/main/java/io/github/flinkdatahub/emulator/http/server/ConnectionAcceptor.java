package io.github.flinkdatahub.emulator.http.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's HTTP/1.1 server: listens on a port and gives every connection a thread of its own
 * ({@link HttpConnection}), up to {@link HttpLimits#maxConnections()}; beyond that the connection
 * idle longest is closed to make room, or, when every one is busy, the new one is answered 503 and
 * closed. A thread per connection lets a request block (e.g. through added latency) without holding
 * up any other; the clients' connection pools bound the threads.
 */
public final class ConnectionAcceptor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAcceptor.class);

    private static final int BACKLOG = 256;

    private final ServerSocket serverSocket;
    private final HttpLimits limits;
    private final HttpHandler handler;
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService connectionThreads;
    private final Thread acceptThread;
    private volatile boolean closed;

    /**
     * Listens on {@code host:port} (port 0: any free port) at once; call {@link #start()} to accept
     * connections.
     *
     * @throws IOException when the address cannot be bound
     */
    public ConnectionAcceptor(String host, int port, HttpLimits limits, HttpHandler handler)
            throws IOException {
        this.limits = limits;
        this.handler = handler;
        this.serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(host, port), BACKLOG);
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        String name = "datahub-emulator-http-" + serverSocket.getLocalPort();
        AtomicInteger threads = new AtomicInteger();
        this.connectionThreads =
                Executors.newCachedThreadPool(
                        r -> daemon(r, name + "-" + threads.incrementAndGet()));
        this.acceptThread = daemon(this::acceptConnections, name + "-accept");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        acceptThread.start();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptConnections() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Accepting a connection failed", e);
                }
                continue;
            }
            if (connections.size() >= limits.maxConnections() && !closeLongestIdle()) {
                refuse(socket);
                continue;
            }
            HttpConnection connection =
                    new HttpConnection(socket, limits, handler, connections::remove);
            connections.add(connection);
            try {
                connectionThreads.execute(connection);
            } catch (RejectedExecutionException closing) {
                connection.close();
            }
            if (closed) {
                // close() may have gone through the connections before this one was added.
                connection.close();
            }
        }
    }

    /**
     * Makes room by closing the connection that has waited longest for its next request, as the
     * JDK's server closes idle connections beyond its bound: clients that end without closing their
     * pools (the JDK's HttpClient before 21 cannot) would otherwise fill the cap. Such a client
     * opens a new connection when it needs one. False when every connection is busy.
     */
    private boolean closeLongestIdle() {
        HttpConnection longest = null;
        for (HttpConnection c : connections) {
            if (c.isIdle() && (longest == null || c.idleSince() - longest.idleSince() < 0)) {
                longest = c;
            }
        }
        if (longest == null) {
            return false;
        }
        longest.close();
        connections.remove(longest);
        return true;
    }

    /** Connections waiting for their next request. */
    int idleConnections() {
        return (int) connections.stream().filter(HttpConnection::isIdle).count();
    }

    /** Answers 503 on the accepting thread (the answer fits any socket buffer) and closes. */
    private void refuse(Socket socket) {
        try (socket) {
            RefusedRequestException refusal =
                    new RefusedRequestException(
                            RefusedRequestException.Reason.TOO_MANY_CONNECTIONS,
                            "The emulator serves at most "
                                    + limits.maxConnections()
                                    + " connections at once; retry when fewer are open.");
            new ResponseWriter(socket.getOutputStream())
                    .write(handler.refuse(refusal), false, false, false);
            socket.shutdownOutput();
        } catch (IOException e) {
            LOG.debug("Refusing a connection failed", e);
        }
    }

    /** Stops listening, closes every connection and ends their threads. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("Closing the server socket failed", e);
        }
        connections.forEach(HttpConnection::close);
        connectionThreads.shutdownNow();
        try {
            acceptThread.join(TimeUnit.SECONDS.toMillis(5));
            connectionThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
