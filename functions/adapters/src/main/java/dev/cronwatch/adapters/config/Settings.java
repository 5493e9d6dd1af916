package dev.cronwatch.adapters.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every environment variable cronwatch reads, read once, checked all at once: a missing or malformed
 * one fails the start with a message listing each problem.
 */
public record Settings(
        String region,
        String tableName,
        String queueUrl,
        String deadLetterQueueUrl,
        String topicArn,
        int rateLimitPerMinute,
        int retentionDays,
        int maxJudgementDelayMinutes,
        int maxMonitorsPerOrganization,
        int maxNewMonitorsPerMinute,
        int maxEnvironmentsPerMonitor,
        String stackName,
        URI dynamoDbEndpoint,
        URI sqsEndpoint,
        URI snsEndpoint,
        String publicUrl,
        int dueIndexShards,
        String clockShardQueueUrl) {

    public static final String REGION = "AWS_REGION";
    public static final String TABLE = "CRONWATCH_TABLE";
    public static final String QUEUE_URL = "CRONWATCH_QUEUE_URL";
    public static final String DLQ_URL = "CRONWATCH_DLQ_URL";
    public static final String TOPIC_ARN = "CRONWATCH_TOPIC_ARN";
    public static final String RATE_LIMIT = "CRONWATCH_RATE_LIMIT_PER_MINUTE";
    public static final String RETENTION_DAYS = "CRONWATCH_RETENTION_DAYS";
    public static final String MAX_JUDGEMENT_DELAY = "CRONWATCH_MAX_JUDGEMENT_DELAY_MINUTES";
    public static final String MAX_MONITORS = "CRONWATCH_MAX_MONITORS_PER_ORGANIZATION";
    /** Monitors an organization's check-ins may create (upsert) per minute. */
    public static final String MAX_NEW_MONITORS = "CRONWATCH_MAX_NEW_MONITORS_PER_MINUTE";
    /** Environments one monitor may have, at most the default: one load of a monitor reads them all. */
    public static final String MAX_ENVIRONMENTS = "CRONWATCH_MAX_ENVIRONMENTS_PER_MONITOR";
    /** The stack's name, the Stack dimension of every metric; absent outside AWS (no dimension then). */
    public static final String STACK = "CRONWATCH_STACK";
    /** Set by Lambda from LoggingConfig's ApplicationLogLevel: the level below which it drops log lines. */
    public static final String APPLICATION_LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";
    /** Emulator endpoints: set only in local mode and tests. */
    public static final String DYNAMODB_ENDPOINT = "CRONWATCH_DYNAMODB_ENDPOINT";
    public static final String SQS_ENDPOINT = "CRONWATCH_SQS_ENDPOINT";
    public static final String SNS_ENDPOINT = "CRONWATCH_SNS_ENDPOINT";
    /** Optional: where people open cronwatch (the dashboard is at its root); alerts link there when set. */
    public static final String PUBLIC_URL = "CRONWATCH_PUBLIC_URL";
    /** The due index's shard count (template parameter DueIndexShards): writers use it; readers read every shard the stack has written with (infra/table-design.md). */
    public static final String DUE_INDEX_SHARDS = "CRONWATCH_DUE_INDEX_SHARDS";
    /** The clock's dispatcher only: the standard queue its shard ticks go to. */
    public static final String CLOCK_SHARD_QUEUE_URL = "CRONWATCH_CLOCK_SHARD_QUEUE_URL";

    /** Every variable the code reads; the template test checks each is set for every function. */
    public static final List<String> REQUIRED = List.of(TABLE, QUEUE_URL, DLQ_URL, TOPIC_ARN, RATE_LIMIT, RETENTION_DAYS,
            MAX_JUDGEMENT_DELAY, MAX_MONITORS, MAX_NEW_MONITORS, MAX_ENVIRONMENTS, STACK, DUE_INDEX_SHARDS);

    public static final int DEFAULT_RATE_LIMIT = 6;
    public static final int DEFAULT_RETENTION_DAYS = 90;
    public static final int DEFAULT_MAX_JUDGEMENT_DELAY_MINUTES = 15;
    public static final int DEFAULT_MAX_MONITORS_PER_ORGANIZATION = 10_000;
    public static final int DEFAULT_MAX_NEW_MONITORS_PER_MINUTE = 60;
    /** Also the most (Monitor.MAX_ENVIRONMENTS). */
    public static final int DEFAULT_MAX_ENVIRONMENTS_PER_MONITOR = 100;
    /** Also the fewest: the count may only be raised (infra/table-design.md). */
    public static final int DEFAULT_DUE_INDEX_SHARDS = 10;

    /** The PagerDuty forwarder's: the name of the SSM SecureString holding the routing key. */
    public static final String PAGERDUTY_ROUTING_KEY_PARAMETER = "CRONWATCH_PAGERDUTY_ROUTING_KEY_PARAMETER";
    /** Optional: PagerDuty's Events API v2 URL (its EU service region has its own). */
    public static final String PAGERDUTY_EVENTS_URL = "CRONWATCH_PAGERDUTY_EVENTS_URL";

    /** What the PagerDuty forwarder reads; it needs neither the table nor the queue. */
    public record PagerDuty(String region, String routingKeyParameter, URI eventsUrl) {
    }

    public static PagerDuty pagerDuty(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String parameter = required(env, PAGERDUTY_ROUTING_KEY_PARAMETER, problems);
        URI events = uri(env, PAGERDUTY_EVENTS_URL, problems);
        if (events != null && !"https".equals(events.getScheme())) {
            problems.add(PAGERDUTY_EVENTS_URL + " must be an https URL, not \"" + events + "\"");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the PagerDuty forwarder is misconfigured: " + String.join("; ", problems));
        }
        return new PagerDuty(env.getOrDefault(REGION, "us-east-1"), parameter,
                events == null ? URI.create("https://events.pagerduty.com/v2/enqueue") : events);
    }

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Settings settings = new Settings(
                env.getOrDefault(REGION, "us-east-1"),
                required(env, TABLE, problems),
                required(env, QUEUE_URL, problems),
                required(env, DLQ_URL, problems),
                required(env, TOPIC_ARN, problems),
                positive(env, RATE_LIMIT, DEFAULT_RATE_LIMIT, problems),
                positive(env, RETENTION_DAYS, DEFAULT_RETENTION_DAYS, problems),
                positive(env, MAX_JUDGEMENT_DELAY, DEFAULT_MAX_JUDGEMENT_DELAY_MINUTES, problems),
                positive(env, MAX_MONITORS, DEFAULT_MAX_MONITORS_PER_ORGANIZATION, problems),
                positive(env, MAX_NEW_MONITORS, DEFAULT_MAX_NEW_MONITORS_PER_MINUTE, problems),
                environmentsPerMonitor(env, problems),
                optional(env, STACK),
                uri(env, DYNAMODB_ENDPOINT, problems),
                uri(env, SQS_ENDPOINT, problems),
                uri(env, SNS_ENDPOINT, problems),
                publicUrl(env, problems),
                dueIndexShards(env, problems),
                optional(env, CLOCK_SHARD_QUEUE_URL));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cronwatch is misconfigured: " + String.join("; ", problems));
        }
        return settings;
    }

    /**
     * Settings of a process that is not a deployed function (local mode, the operator's commands, the
     * benchmarks): one table, every limit at its default, no queue or topic until given.
     */
    public static Settings forTable(String region, String tableName, URI dynamoDbEndpoint) {
        return new Settings(region, tableName, null, null, null, DEFAULT_RATE_LIMIT, DEFAULT_RETENTION_DAYS,
                DEFAULT_MAX_JUDGEMENT_DELAY_MINUTES, DEFAULT_MAX_MONITORS_PER_ORGANIZATION,
                DEFAULT_MAX_NEW_MONITORS_PER_MINUTE, DEFAULT_MAX_ENVIRONMENTS_PER_MONITOR, null, dynamoDbEndpoint, null,
                null, null, DEFAULT_DUE_INDEX_SHARDS, null);
    }

    /**
     * The operator's commands (cronwatch-admin, bootstrap) reach only the table: {@link #TABLE}, the
     * region, and an emulator's endpoint when {@link #DYNAMODB_ENDPOINT} is set.
     */
    public static Settings forOperator(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String table = required(env, TABLE, problems);
        URI endpoint = uri(env, DYNAMODB_ENDPOINT, problems);
        if (!problems.isEmpty()) throw new IllegalStateException(String.join("; ", problems));
        return forTable(env.getOrDefault(REGION, "us-east-1"), table, endpoint);
    }

    public Settings withQueues(String queueUrl, String deadLetterQueueUrl) {
        return new Settings(region, tableName, queueUrl, deadLetterQueueUrl, topicArn, rateLimitPerMinute,
                retentionDays, maxJudgementDelayMinutes, maxMonitorsPerOrganization, maxNewMonitorsPerMinute,
                maxEnvironmentsPerMonitor, stackName, dynamoDbEndpoint, sqsEndpoint, snsEndpoint, publicUrl,
                dueIndexShards, clockShardQueueUrl);
    }

    public Settings withRateLimitPerMinute(int perMinute) {
        return new Settings(region, tableName, queueUrl, deadLetterQueueUrl, topicArn, perMinute, retentionDays,
                maxJudgementDelayMinutes, maxMonitorsPerOrganization, maxNewMonitorsPerMinute, maxEnvironmentsPerMonitor,
                stackName, dynamoDbEndpoint, sqsEndpoint, snsEndpoint, publicUrl, dueIndexShards, clockShardQueueUrl);
    }

    public Settings withMaxNewMonitorsPerMinute(int perMinute) {
        return new Settings(region, tableName, queueUrl, deadLetterQueueUrl, topicArn, rateLimitPerMinute, retentionDays,
                maxJudgementDelayMinutes, maxMonitorsPerOrganization, perMinute, maxEnvironmentsPerMonitor,
                stackName, dynamoDbEndpoint, sqsEndpoint, snsEndpoint, publicUrl, dueIndexShards, clockShardQueueUrl);
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is not set");
            return null;
        }
        return value;
    }

    private static String optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int environmentsPerMonitor(Map<String, String> env, List<String> problems) {
        int n = positive(env, MAX_ENVIRONMENTS, DEFAULT_MAX_ENVIRONMENTS_PER_MONITOR, problems);
        if (n <= DEFAULT_MAX_ENVIRONMENTS_PER_MONITOR) return n;
        problems.add(MAX_ENVIRONMENTS + " must be at most " + DEFAULT_MAX_ENVIRONMENTS_PER_MONITOR + ", not " + n);
        return DEFAULT_MAX_ENVIRONMENTS_PER_MONITOR;
    }

    private static int positive(Map<String, String> env, String name, int fallback, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below with the variable's name
        }
        problems.add(name + " must be a positive whole number, not \"" + value + "\"");
        return fallback;
    }

    private static int dueIndexShards(Map<String, String> env, List<String> problems) {
        int shards = positive(env, DUE_INDEX_SHARDS, DEFAULT_DUE_INDEX_SHARDS, problems);
        if (shards >= DEFAULT_DUE_INDEX_SHARDS) return shards;
        problems.add(DUE_INDEX_SHARDS + " must be at least " + DEFAULT_DUE_INDEX_SHARDS + ", not " + shards);
        return DEFAULT_DUE_INDEX_SHARDS;
    }

    /** An http(s) URL people can open; without a trailing slash, so paths append cleanly. */
    private static String publicUrl(Map<String, String> env, List<String> problems) {
        String value = env.get(PUBLIC_URL);
        if (value == null || value.isBlank()) return null;
        try {
            URI uri = URI.create(value.trim());
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return value.trim().replaceAll("/+$", "");
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the variable's name
        }
        problems.add(PUBLIC_URL + " must be an http(s) URL like https://cron.example.com, not \"" + value + "\"");
        return null;
    }

    private static URI uri(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) return null;
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() != null && uri.getHost() != null) return uri;
        } catch (IllegalArgumentException ignored) {
            // reported below with the variable's name
        }
        problems.add(name + " must be a URL like http://127.0.0.1:8000, not \"" + value + "\"");
        return null;
    }
}
