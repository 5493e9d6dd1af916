package dev.cronwatch.local;

/** The end-to-end suite on DynamoDB Local and ElasticMQ inside the test JVM. */
class InProcessEndToEndTest extends EndToEndSuite {
    @Override
    Backends backends() throws Exception {
        return Emulators.start(dataDir, true);
    }
}
