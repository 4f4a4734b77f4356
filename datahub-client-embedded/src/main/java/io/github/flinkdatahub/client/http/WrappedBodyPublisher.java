package io.github.flinkdatahub.client.http;

import io.github.flinkdatahub.client.annotation.Internal;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body handed to the HTTP client as one read-only view of the array. The JDK's {@code
 * BodyPublishers.ofByteArray} copies every body into fresh 16 KB buffers first (a profile of the
 * SDK comparison showed that copy as the largest single allocation of the put loops); bodies here
 * are never modified after they are built, so they can be sent as they are.
 */
@Internal
final class WrappedBodyPublisher implements Flow.Publisher<ByteBuffer> {
    private final byte[] body;

    private WrappedBodyPublisher(byte[] body) {
        this.body = body;
    }

    static HttpRequest.BodyPublisher of(byte[] body) {
        return HttpRequest.BodyPublishers.fromPublisher(
                new WrappedBodyPublisher(body), body.length);
    }

    /** Each subscriber (one per attempt) gets the whole body once, on its first demand. */
    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        AtomicBoolean done = new AtomicBoolean();
        subscriber.onSubscribe(
                new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        if (done.getAndSet(true)) {
                            return;
                        }
                        if (n <= 0) {
                            subscriber.onError(
                                    new IllegalArgumentException(
                                            "Non-positive demand "
                                                    + n
                                                    + " (reactive streams 3.9)"));
                            return;
                        }
                        subscriber.onNext(ByteBuffer.wrap(body).asReadOnlyBuffer());
                        subscriber.onComplete();
                    }

                    @Override
                    public void cancel() {
                        done.set(true);
                    }
                });
    }
}
