package io.github.flinkdatahub.client.http;

import io.github.flinkdatahub.client.annotation.Internal;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Reads a response body as bytes, failing with an {@link HttpTimeoutException} when it is not
 * complete by a deadline. The JDK's request timeout ends when the headers arrive; without this a
 * server that sends headers and then stalls the body holds a call for as long as the connection
 * lives. The deadline is the one the request started with, so the request timeout bounds the whole
 * exchange.
 */
@Internal
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {
    private final long deadlineNanos;
    private final Duration timeout;

    /** A handler for a request that started now and must be answered within {@code timeout}. */
    static BoundedBodyHandler startingNow(Duration timeout) {
        return new BoundedBodyHandler(System.nanoTime() + timeout.toNanos(), timeout);
    }

    private BoundedBodyHandler(long deadlineNanos, Duration timeout) {
        this.deadlineNanos = deadlineNanos;
        this.timeout = timeout;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo responseInfo) {
        return new Subscriber(HttpResponse.BodySubscribers.ofByteArray());
    }

    private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> bytes;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();

        /** Completes normally with the body, or exceptionally at the deadline. */
        private final CompletableFuture<Void> deadline = new CompletableFuture<>();

        Subscriber(HttpResponse.BodySubscriber<byte[]> bytes) {
            this.bytes = bytes;
            // orTimeout's timer is cancelled when the body completes first: nothing piles up.
            deadline.orTimeout(
                    Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            bytes.getBody()
                    .whenComplete(
                            (b, failure) -> {
                                deadline.complete(null);
                                if (failure == null) {
                                    body.complete(b);
                                } else {
                                    body.completeExceptionally(failure);
                                }
                            });
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            deadline.whenComplete(
                    (v, late) -> {
                        if (late != null) {
                            subscription.cancel();
                            body.completeExceptionally(
                                    new HttpTimeoutException(
                                            "the response body did not arrive within the request"
                                                    + " timeout of "
                                                    + timeout));
                        }
                    });
            bytes.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            bytes.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            bytes.onError(throwable);
        }

        @Override
        public void onComplete() {
            bytes.onComplete();
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
