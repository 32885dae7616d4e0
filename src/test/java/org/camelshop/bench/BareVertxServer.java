package org.camelshop.bench;

import io.vertx.core.Vertx;

/** Benchmark ceiling (bench/run.sh): a bare Vert.x HTTP server answering "pong", no Camel at all. */
public final class BareVertxServer {

    private BareVertxServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer().requestHandler(request -> request.response().end("pong")).listen(port).toCompletionStage()
                .toCompletableFuture().join();
        System.out.println("bare Vert.x on " + port);
    }
}
