package dev.cronwatch.emulators;

import java.net.URI;

/** An emulator in this JVM listening on a port of the loopback interface: where to reach it, and its stop. */
public abstract sealed class LoopbackEmulator implements AutoCloseable permits DynamoDbLocal, ElasticMqServer {
    private final URI endpoint;

    LoopbackEmulator(int port) {
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public final URI endpoint() {
        return endpoint;
    }

    /** Stops it; what it held in memory is lost. */
    @Override
    public abstract void close();
}
