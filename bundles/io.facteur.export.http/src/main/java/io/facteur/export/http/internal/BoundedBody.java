package io.facteur.export.http.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Reads a receiver's answer body, of which only the start is ever shown: keeps its first {@value
 * #KEEP} bytes, drops the rest, and stops reading (the connection is then closed) after {@value
 * #MAX} bytes, so that a hostile or broken receiver cannot make the connector read without end.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** Bytes kept for the message: enough to find a long token echoed back and hide it. */
    static final int KEEP = 16 * 1024;

    /** Bytes read at most. */
    static final long MAX = 64 * 1024;

    private static final byte[] NONE = new byte[0];

    private final int timeoutSeconds;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream(256);
    private long read;
    private Flow.Subscription subscription;

    /**
     * A body that fails with a timeout when it is not read whole within these seconds (a receiver
     * that sends its headers, then nothing): the request's own timeout ends with the headers.
     */
    BoundedBody(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * The handler giving each response such a body; an answer announced without a body (204, 304,
     * {@code Content-Length: 0}) gets none.
     */
    static HttpResponse.BodyHandler<byte[]> handler(int timeoutSeconds) {
        return info ->
                info.statusCode() == 204
                                || info.statusCode() == 304
                                || info.headers().firstValueAsLong("Content-Length").orElse(-1) == 0
                        ? HttpResponse.BodySubscribers.replacing(NONE)
                        : new BoundedBody(timeoutSeconds);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
        // a body that came with the headers is read by now; only a late one needs a timer (a
        // timer per request wakes the JDK's timer thread each time)
        if (!body.isDone()) {
            body.orTimeout(timeoutSeconds, TimeUnit.SECONDS)
                    .whenComplete(
                            (bytes, failure) -> {
                                if (failure != null) {
                                    subscription.cancel();
                                }
                            });
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            int n = item.remaining();
            int take = Math.min(n, KEEP - kept.size());
            if (take > 0) {
                byte[] chunk = new byte[take];
                item.get(chunk);
                kept.write(chunk, 0, take);
            }
            read += n;
        }
        if (read > MAX && !body.isDone()) {
            body.complete(kept.toByteArray());
            subscription.cancel();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        body.complete(kept.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
