package dev.cronwatch.adapters.aws;

import dev.cronwatch.adapters.config.Settings;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients of one process, each built on its first use: every client costs start-up time, and
 * a function that never publishes never builds an SNS client. Either from the settings (AWS itself,
 * or the emulators their endpoints name), or given (local mode's in-process emulators, a benchmark's
 * counting client); a client that was not given fails on use, naming itself.
 */
public final class Connections {
    private final Supplier<DynamoDbClient> dynamoDb;
    private final Supplier<SqsClient> sqs;
    private final Supplier<SnsClient> sns;
    private final Runnable renewCredentials;

    private Connections(Supplier<DynamoDbClient> dynamoDb, Supplier<SqsClient> sqs, Supplier<SnsClient> sns,
                        Runnable renewCredentials) {
        this.dynamoDb = new Lazy<>(dynamoDb);
        this.sqs = new Lazy<>(sqs);
        this.sns = new Lazy<>(sns);
        this.renewCredentials = renewCredentials;
    }

    public static Connections forSettings(Settings settings) {
        AwsClients clients = settings.dynamoDbEndpoint() == null
                ? AwsClients.forAws(settings.region())
                : AwsClients.forEmulators(settings.region());
        return new Connections(() -> clients.dynamoDb(settings.dynamoDbEndpoint()),
                () -> clients.sqs(settings.sqsEndpoint()), () -> clients.sns(settings.snsEndpoint()),
                clients::renewCredentials);
    }

    /** Clients made elsewhere; null for one this process must never use. */
    public static Connections of(DynamoDbClient dynamoDb, SqsClient sqs, SnsClient sns) {
        return new Connections(given(dynamoDb, "DynamoDB"), given(sqs, "SQS"), given(sns, "SNS"), () -> {
        });
    }

    /** After a SnapStart restore: credentials cached before the checkpoint are not this copy's. */
    public void afterRestore() {
        renewCredentials.run();
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    /** Builds the SQS client now instead of at the first send (a SnapStart checkpoint's priming). */
    public void buildSqs() {
        sqs.get();
    }

    public SnsClient sns() {
        return sns.get();
    }

    private static <T> Supplier<T> given(T client, String service) {
        return () -> {
            if (client == null) throw new IllegalStateException("no " + service + " client was given to this process");
            return client;
        };
    }
}
