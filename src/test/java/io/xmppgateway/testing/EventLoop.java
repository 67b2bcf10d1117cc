package io.xmppgateway.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.vertx.core.Context;
import io.vertx.core.Future;

/** Drives code that lives on one event loop (a session's parts) from a test's thread. */
public final class EventLoop {

    private EventLoop() {
    }

    /**
     * Runs {@code action} on {@code context} and waits (20 s at most) for the future it answers.
     *
     * @throws ExecutionException what the future failed with, as its cause
     */
    public static <T> T call(Context context, Supplier<Future<T>> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(v -> action.get().onComplete(result -> {
            if (result.succeeded()) {
                done.complete(result.result());
            } else {
                done.completeExceptionally(result.cause());
            }
        }));
        return done.get(20, TimeUnit.SECONDS);
    }
}
