package dev.cronwatch.adapters.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Map<String, String> deployed() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put(Settings.TABLE, "cronwatch-Table-1");
        env.put(Settings.QUEUE_URL, "https://sqs.eu-west-1.amazonaws.com/1/q.fifo");
        env.put(Settings.DLQ_URL, "https://sqs.eu-west-1.amazonaws.com/1/dlq.fifo");
        env.put(Settings.TOPIC_ARN, "arn:aws:sns:eu-west-1:1:alerts");
        return env;
    }

    @Test
    void readsEveryVariableTheTemplateSets() {
        Map<String, String> env = deployed();
        env.put(Settings.RATE_LIMIT, "12");
        env.put(Settings.RETENTION_DAYS, "30");
        env.put(Settings.MAX_JUDGEMENT_DELAY, "20");
        env.put(Settings.MAX_MONITORS, "500");
        env.put(Settings.MAX_NEW_MONITORS, "20");
        env.put(Settings.MAX_ENVIRONMENTS, "5");
        env.put(Settings.STACK, "cronwatch-prod");
        Settings settings = Settings.from(env);
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.tableName()).isEqualTo("cronwatch-Table-1");
        assertThat(settings.rateLimitPerMinute()).isEqualTo(12);
        assertThat(settings.retentionDays()).isEqualTo(30);
        assertThat(settings.maxJudgementDelayMinutes()).isEqualTo(20);
        assertThat(settings.maxMonitorsPerOrganization()).isEqualTo(500);
        assertThat(settings.maxNewMonitorsPerMinute()).isEqualTo(20);
        assertThat(settings.maxEnvironmentsPerMonitor()).isEqualTo(5);
        assertThat(settings.stackName()).isEqualTo("cronwatch-prod");
        assertThat(settings.dynamoDbEndpoint()).isNull();
    }

    @Test
    void limitsDefaultToTheTemplatesDefaults() {
        Settings settings = Settings.from(deployed());
        assertThat(settings.rateLimitPerMinute()).isEqualTo(6);
        assertThat(settings.retentionDays()).isEqualTo(90);
        assertThat(settings.maxJudgementDelayMinutes()).isEqualTo(15);
        assertThat(settings.maxMonitorsPerOrganization()).isEqualTo(10_000);
        assertThat(settings.maxNewMonitorsPerMinute()).isEqualTo(60);
        assertThat(settings.maxEnvironmentsPerMonitor()).isEqualTo(100);
        assertThat(settings.stackName()).isNull();
    }

    @Test
    void emulatorEndpointsAreUrls() {
        Map<String, String> env = deployed();
        env.put(Settings.DYNAMODB_ENDPOINT, "http://127.0.0.1:8000");
        assertThat(Settings.from(env).dynamoDbEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8000"));
    }

    @Test
    void environmentsPerMonitorAreAtMostAHundred() {
        Map<String, String> env = deployed();
        env.put(Settings.MAX_ENVIRONMENTS, "101");
        assertThatThrownBy(() -> Settings.from(env)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Settings.MAX_ENVIRONMENTS + " must be at most 100, not 101");
    }

    @Test
    void listsEveryProblemAtOnce_whenMisconfigured() {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.MAX_JUDGEMENT_DELAY, "0");
        env.put(Settings.MAX_MONITORS, "lots");
        env.put(Settings.SQS_ENDPOINT, "not a url");
        assertThatThrownBy(() -> Settings.from(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Settings.TABLE + " is not set")
                .hasMessageContaining(Settings.TOPIC_ARN + " is not set")
                .hasMessageContaining(Settings.MAX_JUDGEMENT_DELAY + " must be a positive whole number, not \"0\"")
                .hasMessageContaining(Settings.MAX_MONITORS + " must be a positive whole number, not \"lots\"")
                .hasMessageContaining(Settings.SQS_ENDPOINT + " must be a URL");
    }

    @Test
    void theOperatorsCommandsNeedOnlyTheTable_andAnEmulatorsEndpointIfAny() {
        Settings settings = Settings.forOperator(Map.of(Settings.TABLE, "cronwatch-Table-1", "AWS_REGION", "eu-west-1",
                Settings.DYNAMODB_ENDPOINT, "http://127.0.0.1:8000"));
        assertThat(settings.tableName()).isEqualTo("cronwatch-Table-1");
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.dynamoDbEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThat(settings.queueUrl()).isNull();
        assertThat(settings.rateLimitPerMinute()).isEqualTo(Settings.DEFAULT_RATE_LIMIT);
        assertThatThrownBy(() -> Settings.forOperator(Map.of(Settings.DYNAMODB_ENDPOINT, "nowhere")))
                .hasMessageContaining(Settings.TABLE + " is not set")
                .hasMessageContaining(Settings.DYNAMODB_ENDPOINT + " must be a URL");
    }

    @Test
    void aProcessOfItsOwnGetsTheDefaults_andWhatItGives() {
        Settings settings = Settings.forTable("us-east-1", "cronwatch", null).withQueues("q", "dlq").withRateLimitPerMinute(60);
        assertThat(settings.queueUrl()).isEqualTo("q");
        assertThat(settings.deadLetterQueueUrl()).isEqualTo("dlq");
        assertThat(settings.rateLimitPerMinute()).isEqualTo(60);
        assertThat(settings.retentionDays()).isEqualTo(Settings.DEFAULT_RETENTION_DAYS);
        assertThat(settings.maxJudgementDelayMinutes()).isEqualTo(Settings.DEFAULT_MAX_JUDGEMENT_DELAY_MINUTES);
        assertThat(settings.maxMonitorsPerOrganization()).isEqualTo(Settings.DEFAULT_MAX_MONITORS_PER_ORGANIZATION);
    }

    @Test
    void thePublicUrlIsOptional_andKeptWithoutTrailingSlash() {
        assertThat(Settings.from(deployed()).publicUrl()).isNull();
        Map<String, String> env = deployed();
        env.put(Settings.PUBLIC_URL, " https://abc.execute-api.eu-west-1.amazonaws.com/ ");
        assertThat(Settings.from(env).publicUrl()).isEqualTo("https://abc.execute-api.eu-west-1.amazonaws.com");
    }

    @Test
    void aPublicUrlPeopleCannotOpen_failsTheStartNamingTheVariable() {
        for (String bad : new String[] {"javascript:alert(1)", "cron.example.com", "https://x.example/?a=1", "ftp://x.example"}) {
            Map<String, String> env = deployed();
            env.put(Settings.PUBLIC_URL, bad);
            assertThatThrownBy(() -> Settings.from(env)).as(bad).hasMessageContaining(Settings.PUBLIC_URL);
        }
    }
}
