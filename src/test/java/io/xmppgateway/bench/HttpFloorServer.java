package io.xmppgateway.bench;

import io.vertx.core.Vertx;

/**
 * The floor under the gateway's HTTP cost: a bare Vert.x HTTP server that reads each request's body and answers
 * with the gateway's response, doing nothing else. {@link SendThroughputBench} drives it with the same load to show
 * what HTTP alone costs on the machine at hand. Listens on 127.0.0.1 at the port given.
 */
public final class HttpFloorServer {

    private static final String ANSWER = "{\"id\":\"mYTbYYREwz7y-0000005cwh\",\"results\":"
            + "[{\"to\":\"bob@localhost\",\"status\":\"NO_ERROR\"}]}";

    public static void main(String[] args) {
        Vertx.vertx().createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> request.response()
                        .putHeader("Content-Type", "application/json")
                        .end(ANSWER)))
                .listen(Integer.parseInt(args[0]), "127.0.0.1")
                .onSuccess(server -> System.out.println("listening"))
                .onFailure(e -> System.exit(1));
    }
}
