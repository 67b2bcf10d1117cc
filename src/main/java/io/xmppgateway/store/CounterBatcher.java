package io.xmppgateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Sends {@link RedisStore#addWithinCaps}'s check-and-increments to Redis in batches: while one script call is in
 * flight, the requests that arrive queue, and the next call carries them all ({@link LuaScript#ADD_WITHIN_CAPS} runs
 * them in arrival order, each all or nothing against the counters as the ones before it left them). Each request gets
 * the answer it would have had alone; under load the round trips per request fall below one, and with them the
 * system calls and the client's work per request. Requests that do not overlap go one a call, as before. A call
 * carries the requests of one key only (a quota day's counters: all of them but at midnight).
 *
 * <p>Calls leave from one Vert.x context, {@code home}: given the context the Redis client's connections live on, a
 * call and its answer cross no thread, and the next batch leaves as soon as the last is answered, whatever the other
 * event loops are busy with. Each request is answered on the context it was made on, as the Redis client answers its
 * own calls. A request whose caller has stopped waiting (it timed out) before its batch left is dropped, so that
 * nothing is counted for a request that was answered {@link StoreUnavailableException}.
 */
final class CounterBatcher<A> {

    /** Requests in one script call at most: the script blocks every other Redis client while it runs. */
    static final int MAX_BATCH = 64;

    /** One check-and-increment: its hash, its arguments to the script, and who waits for its answer. */
    static final class Request<A> {
        final String key;
        final List<String> args;
        private final Context context;
        private final UniEmitter<? super A> answer;
        private volatile boolean abandoned;

        private Request(String key, List<String> args, Context context, UniEmitter<? super A> answer) {
            this.key = key;
            this.args = args;
            this.context = context;
            this.answer = answer;
        }

        private void complete(A result) {
            onContext(() -> answer.complete(result));
        }

        private void fail(Throwable failure) {
            onContext(() -> answer.fail(failure));
        }

        private void onContext(Runnable completion) {
            if (context == null || context == Vertx.currentContext()) {
                completion.run();
            } else {
                context.runOnContext(ignored -> completion.run());
            }
        }
    }

    private final Context home;
    private final Function<List<Request<A>>, Uni<List<A>>> call;
    private final Queue<Request<A>> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean inFlight = new AtomicBoolean();

    /**
     * @param home the context calls leave from; none: the caller's thread
     * @param call sends one script call for the requests of a batch and answers each, in order; bounded in time, as
     *             the next batch waits for it
     */
    CounterBatcher(Context home, Function<List<Request<A>>, Uni<List<A>>> call) {
        this.home = home;
        this.call = call;
    }

    /** The script's answer for this one request, once its batch is answered. */
    Uni<A> add(String key, List<String> args) {
        return Uni.createFrom().emitter(answer -> {
            Request<A> request = new Request<>(key, args, Vertx.currentContext(), answer);
            answer.onTermination(() -> request.abandoned = true);
            queued.add(request);
            if (!inFlight.get()) {
                atHome(this::sendNext);
            }
        });
    }

    /** Sends what is queued, unless a batch is in flight: its end sends the next. On {@code home}. */
    private void sendNext() {
        while (!queued.isEmpty() && inFlight.compareAndSet(false, true)) {
            List<Request<A>> batch = new ArrayList<>();
            // One key a call, as Redis Cluster requires of a script's keys; requests for another (the next quota
            // day's, at midnight) wait for the next call. Only this method polls, so what it peeks stays the head.
            for (Request<A> request; batch.size() < MAX_BATCH && (request = queued.peek()) != null; ) {
                if (request.abandoned) {
                    queued.poll();
                } else if (batch.isEmpty() || request.key.equals(batch.get(0).key)) {
                    batch.add(queued.poll());
                } else {
                    break;
                }
            }
            if (batch.isEmpty()) {
                // All were abandoned; loop, in case a request came in since the queue was read.
                inFlight.set(false);
                continue;
            }
            call.apply(batch).subscribe().with(answers -> {
                done();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).complete(answers.get(i));
                }
            }, failure -> {
                done();
                batch.forEach(request -> request.fail(failure));
            });
            return;
        }
    }

    /** The batch in flight is answered: the next one leaves before this one's requests are answered. */
    private void done() {
        inFlight.set(false);
        atHome(this::sendNext);
    }

    private void atHome(Runnable task) {
        if (home == null || home == Vertx.currentContext()) {
            task.run();
        } else {
            home.runOnContext(ignored -> task.run());
        }
    }
}
