package dev.cronwatch.adapters.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds the SDK clients, once per process: the URL-connection HTTP client (the lightest to start in
 * Lambda) and an explicit region. Each client may be pointed at an emulator endpoint (DynamoDB Local,
 * ElasticMQ, fauxqs, LocalStack); a null endpoint means AWS itself.
 */
public final class AwsClients {
    public static final Duration SQS_CALL_TIMEOUT = Duration.ofSeconds(2);
    /**
     * A check-in's send, retries included: the first send after a cold start pays for the SDK's first
     * call and connection, and a check-in answered 5xx is lost (Sentry's SDKs do not retry one), so it
     * gets what API Gateway's 30 s leave after the rest of the request, not {@link #SQS_CALL_TIMEOUT}.
     */
    public static final Duration CHECK_IN_SEND_TIMEOUT = Duration.ofSeconds(20);
    /** Throttling, 5xx and network failures are retried, with the SDK's backoff, within the call's timeout. */
    static final int SQS_MAX_ATTEMPTS = 5;

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private AwsClients(Region region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.region = region;
        this.credentials = credentials;
        this.http = http;
    }

    /** Real AWS: the function's role ({@link RoleCredentials}), renewed by {@link #renewCredentials}. */
    public static AwsClients forAws(String region) {
        return forAws(region, System.getenv());
    }

    /** {@code environment}: where Lambda would have put the role's keys (the process's, but in tests). */
    static AwsClients forAws(String region, Map<String, String> environment) {
        return new AwsClients(Region.of(region),
                new RenewableCredentials(() -> RoleCredentials.from(environment)),
                UrlConnectionHttpClient.builder().connectionTimeout(CONNECTION_TIMEOUT).socketTimeout(SOCKET_TIMEOUT)
                        .build());
    }

    /**
     * Emulators: they accept any credentials, so a fixed dummy pair keeps the environment out of it.
     * They speak plain HTTP, so the connections are opened without the TLS context the builder would
     * make at once (the JDK's trust store read and parsed: about a tenth of a cold start).
     */
    public static AwsClients forEmulators(String region) {
        return new AwsClients(Region.of(region),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("cronwatch", "cronwatch")),
                UrlConnectionHttpClient.create(AwsClients::plainConnection));
    }

    private static HttpURLConnection plainConnection(URI endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout((int) CONNECTION_TIMEOUT.toMillis());
            connection.setReadTimeout((int) SOCKET_TIMEOUT.toMillis());
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After a SnapStart restore: the clients built before the checkpoint resolve their credentials
     * anew. (Their connections need nothing: the JDK's keep-alive cache drops a connection idle longer
     * than 5 s by the wall clock, which a restore has moved on, and the SDK retries a failed one.)
     */
    public void renewCredentials() {
        if (credentials instanceof RenewableCredentials renewable) renewable.renew();
    }

    public DynamoDbClient dynamoDb(URI endpoint) {
        var builder = DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        if (endpoint != null) builder.endpointOverride(endpoint);
        return builder.build();
    }

    /**
     * An SQS call finishes, retries included, within {@link #SQS_CALL_TIMEOUT} unless its request asks
     * for longer (a check-in's send: {@link #CHECK_IN_SEND_TIMEOUT}).
     */
    public SqsClient sqs(URI endpoint) {
        var builder = SqsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(c -> c.apiCallTimeout(SQS_CALL_TIMEOUT).retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(SQS_MAX_ATTEMPTS).build()));
        if (endpoint != null) builder.endpointOverride(endpoint);
        return builder.build();
    }

    public SsmClient ssm(URI endpoint) {
        var builder = SsmClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        if (endpoint != null) builder.endpointOverride(endpoint);
        return builder.build();
    }

    public SnsClient sns(URI endpoint) {
        var builder = SnsClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        if (endpoint != null) builder.endpointOverride(endpoint);
        return builder.build();
    }
}
