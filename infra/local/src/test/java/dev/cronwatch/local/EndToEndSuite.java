package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The whole pipeline, written once: API Gateway events into the HTTP handler (over loopback HTTP),
 * real queue messages into the processor handler as SQS events, the clock handler, and the table.
 * Subclasses choose the backends: in-process emulators, or LocalStack where Docker exists.
 */
abstract class EndToEndSuite {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String HOURLY = "{\"schedule\": \"0 * * * *\", \"checkin_margin\": 5, \"max_runtime\": 30}";

    @TempDir
    Path dataDir;
    LocalSystem system;
    LocalControls controls;
    final InjectedFaults faults = new InjectedFaults();
    LocalApi api;

    abstract Backends backends() throws Exception;

    @BeforeEach
    void start() throws Exception {
        LocalOptions options = LocalOptions.parse("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", T0.toString());
        system = new LocalSystem(options, new PrintStream(OutputStream.nullOutputStream()), backends(), FaultSeam.of(faults));
        controls = system.controls();
        api = new LocalApi(system.credentials());
    }

    @AfterEach
    void stop() {
        if (system != null) system.close();
    }

    static Instant at(String hhmm) {
        return T0.plus(Duration.between(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.parse(hhmm)));
    }

    void moveTo(String hhmm) {
        LocalApi.Response r = api.moveClock(at(hhmm));
        assertThat(r.status()).as("move clock: %s", r.body()).isEqualTo(200);
    }

    static String withConfig(String status, String config) {
        return "{\"status\": \"" + status + "\", \"monitor_config\": " + config + "}";
    }

    @Test
    void twoStepJob() {
        String id = api.checkIn("backup", withConfig("in_progress", HOURLY));
        moveTo("00:10");
        api.update("backup", "latest", "{\"status\": \"ok\"}");
        moveTo("00:11");
        List<Map<String, Object>> checkIns = api.checkIns("backup");
        assertThat(checkIns).hasSize(1);
        assertThat(checkIns.get(0)).containsEntry("id", id).containsEntry("status", "ok")
                .containsEntry("duration", 600_000).containsEntry("dateAdded", "2026-01-01T00:00:00Z");
        assertThat(api.environment("backup", "production")).containsEntry("status", "ok")
                .containsEntry("nextCheckIn", "2026-01-01T01:00:00Z")
                .containsEntry("nextCheckInLatest", "2026-01-01T01:05:00Z");
    }

    @Test
    void heartbeatThroughTheRelayUrl() {
        api.relay("ping", "status=ok", "{\"monitor_config\": " + HOURLY + "}");
        moveTo("01:00");
        api.relay("ping", "status=ok", null);
        moveTo("01:01");
        assertThat(api.checkIns("ping")).extracting(c -> c.get("status")).containsExactly("ok", "ok");
        assertThat(api.environment("ping", "production")).containsEntry("nextCheckIn", "2026-01-01T02:00:00Z");
    }

    @Test
    void environmentsKeepSeparateState() {
        api.checkIn("etl", "{\"status\": \"ok\", \"environment\": \"production\", \"monitor_config\": " + HOURLY + "}");
        api.checkIn("etl", "{\"status\": \"error\", \"environment\": \"dev\"}");
        moveTo("00:01");
        assertThat(api.environment("etl", "production")).containsEntry("status", "ok");
        assertThat(api.environment("etl", "dev")).containsEntry("status", "error");
        assertThat(api.incidents("etl")).singleElement().satisfies(i -> assertThat(i).containsEntry("environment", "dev"));
    }

    @Test
    void checkInsUpsertTheMonitorConfig() {
        api.checkIn("report", withConfig("ok", HOURLY));
        api.checkIn("report", withConfig("ok", "{\"schedule\": \"*/30 * * * *\", \"timezone\": \"Europe/Riga\"}"));
        moveTo("00:01");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) api.monitor("report").get("config");
        assertThat(config).containsEntry("schedule", "*/30 * * * *").containsEntry("timezone", "Europe/Riga");
    }

    @Test
    void overlappingRunsAreTrackedByTheirIds() {
        String first = api.checkIn("sync", withConfig("in_progress", HOURLY));
        String second = api.checkIn("sync", "{\"status\": \"in_progress\"}");
        assertThat(second).isNotEqualTo(first);
        api.update("sync", second, "{\"status\": \"ok\"}");
        api.update("sync", first, "{\"status\": \"error\"}");
        moveTo("00:01");
        Map<Object, Object> statusById = new java.util.HashMap<>();
        api.checkIns("sync").forEach(c -> statusById.put(c.get("id"), c.get("status")));
        assertThat(statusById).containsEntry(first, "error").containsEntry(second, "ok").hasSize(2);
    }

    @Test
    void missOpensAnIncidentAndAlertsOnce() {
        api.checkIn("backup", withConfig("ok", HOURLY));
        moveTo("01:04");
        assertThat(api.notifications()).isEmpty();
        moveTo("01:06");
        assertThat(api.checkIns("backup").get(0)).containsEntry("status", "missed")
                .containsEntry("expectedTime", "2026-01-01T01:00:00Z");
        assertThat(api.incidents("backup")).singleElement().satisfies(i -> assertThat(i)
                .containsEntry("reason", "missed").containsEntry("dateResolved", null));
        assertThat(api.notifications()).singleElement().satisfies(n -> assertThat(attributes(n))
                .containsEntry("type", "incident.opened").containsEntry("reason", "missed")
                .containsEntry("monitor", "backup").containsEntry("environment", "production"));
    }

    @Test
    void timeoutOfALongRun() {
        api.checkIn("backup", withConfig("in_progress", HOURLY));
        moveTo("00:31");
        assertThat(api.checkIns("backup").get(0)).containsEntry("status", "timeout");
        assertThat(api.notifications()).singleElement().satisfies(n -> assertThat(attributes(n))
                .containsEntry("reason", "timeout"));
    }

    @Test
    void thresholdsGateOpeningAndRecovery() {
        String config = "{\"schedule\": \"*/10 * * * *\", \"failure_issue_threshold\": 2, \"recovery_threshold\": 2}";
        api.checkIn("flaky", withConfig("error", config));
        moveTo("00:10");
        assertThat(api.incidents("flaky")).isEmpty();
        api.checkIn("flaky", "{\"status\": \"error\"}");
        moveTo("00:20");
        assertThat(api.incidents("flaky")).hasSize(1);
        api.checkIn("flaky", "{\"status\": \"ok\"}");
        moveTo("00:30");
        assertThat(api.environment("flaky", "production")).containsEntry("status", "error");
        api.checkIn("flaky", "{\"status\": \"ok\"}");
        moveTo("00:31");
        assertThat(api.environment("flaky", "production")).containsEntry("status", "ok");
        assertThat(api.notifications()).extracting(n -> attributes(n).get("type"))
                .containsExactly("incident.opened", "incident.resolved");
    }

    @Test
    void everyMessageDeliveredTwiceIsAppliedOnce() {
        faults.deliverEveryBatchTwice(true);
        api.checkIn("twice", withConfig("in_progress", HOURLY));
        api.update("twice", "latest", "{\"status\": \"ok\"}");
        moveTo("00:10");
        api.checkIn("twice", "{\"status\": \"error\"}");
        moveTo("00:11");
        assertThat(api.checkIns("twice")).extracting(c -> c.get("status")).containsExactly("error", "ok");
        assertThat(api.incidents("twice")).hasSize(1);
        assertThat(api.notifications()).hasSize(1);
    }

    @Test
    void theClockRunTwiceForOneMinuteChangesNothingMore() {
        api.checkIn("backup", withConfig("ok", HOURLY));
        moveTo("01:04");
        controls.setTime(at("01:05"));
        assertThat(controls.tickWithoutDraining(at("01:05")).failures()).isEmpty();
        assertThat(controls.tickWithoutDraining(at("01:05")).failures()).isEmpty();
        controls.drainQueue();
        assertThat(api.checkIns("backup")).extracting(c -> c.get("status")).containsExactly("missed", "ok");
        assertThat(api.notifications()).hasSize(1);
    }

    @Test
    void poisonGoesToTheDeadLetterQueueAndItsGroupGoesOn() {
        Backends b = controls.backends();
        b.sqs().sendMessage(SendMessageRequest.builder().queueUrl(b.queues().queueUrl()).messageBody("this is not a check-in")
                .messageGroupId("local/nightly").messageDeduplicationId("poison-1").build());
        api.checkIn("nightly", withConfig("ok", HOURLY));
        moveTo("00:01");
        assertThat(api.checkIns("nightly")).extracting(c -> c.get("status")).containsExactly("ok");
        var dead = b.sqs().receiveMessage(ReceiveMessageRequest.builder().queueUrl(b.queues().deadLetterQueueUrl())
                .maxNumberOfMessages(10).waitTimeSeconds(1).build()).messages();
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("this is not a check-in"));
    }

    @Test
    void aStoppedProcessorDelaysAlertsButNeverInventsMisses() {
        String everyMinute = "{\"schedule\": \"* * * * *\", \"checkin_margin\": 1}";
        api.checkIn("busy", withConfig("ok", everyMinute));
        moveTo("00:00:30");
        controls.pauseProcessor(true);
        for (int minute = 1; minute <= 10; minute++) {
            Instant now = T0.plusSeconds(60L * minute);
            controls.setTime(now);
            api.checkIn("busy", "{\"status\": \"ok\"}");
            // deadlines of 00:02… have passed for the stale state: the judgements queue behind the check-ins
            assertThat(controls.tickWithoutDraining(now).failures()).isEmpty();
        }
        assertThat(api.checkIns("busy")).extracting(c -> c.get("status")).containsOnly("ok").hasSize(1);
        assertThat(api.notifications()).isEmpty();
        controls.pauseProcessor(false);
        moveTo("00:10:30");
        assertThat(api.checkIns("busy")).hasSize(11).extracting(c -> c.get("status")).containsOnly("ok");
        assertThat(api.notifications()).isEmpty();
    }

    /** Every management route a team uses, through the API and the dashboard's reads, each as it answers. */
    @Test
    void aMonitorsWholeLifeThroughTheManagementApi() {
        String monitors = "/api/0/organizations/" + api.organization() + "/monitors/";
        LocalApi.Response created = api.send("POST", monitors, api.bearer(), "{\"project\": \"" + api.projectId()
                + "\", \"name\": \"Nightly report\", \"slug\": \"report\", \"config\": " + HOURLY + "}");
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(api.send("PUT", monitors + "report/", api.bearer(), "{\"isMuted\": true}").status()).isEqualTo(200);
        String id = api.checkIn("report", "{\"status\": \"in_progress\", \"environment\": \"staging\"}");
        moveTo("00:01");
        attach("report", id);
        for (String read : List.of(monitors, monitors + "report/", monitors + "report/checkins/",
                monitors + "report/incidents/", monitors + "report/processing-errors/",
                "/api/0/organizations/" + api.organization() + "/processing-errors/",
                "/api/0/organizations/" + api.organization() + "/monitor-summaries/")) {
            assertThat(api.send("GET", read, api.bearer(), null).status()).as(read).isEqualTo(200);
        }
        assertThat(api.send("PUT", monitors + "report/environments/staging/", api.bearer(), "{\"isMuted\": false}").status())
                .isEqualTo(200);
        assertThat(api.send("DELETE", monitors + "report/environments/staging/", api.bearer(), null).status()).isEqualTo(202);
        assertThat(api.send("DELETE", monitors + "report/", api.bearer(), null).status()).isEqualTo(202);
        assertThat(api.send("GET", monitors + "report/", api.bearer(), null).status()).isEqualTo(404);
    }

    @Test
    void projectsAndKeysAreMadeAndRevokedByTheOrganization() {
        String projects = "/api/0/organizations/" + api.organization() + "/projects/";
        LocalApi.Response project = api.send("POST", projects, api.bearer(), "{\"name\": \"Billing\", \"slug\": \"billing\"}");
        assertThat(project.status()).as("%s", project.body()).isEqualTo(201);
        String keys = "/api/0/projects/" + api.organization() + "/billing/keys/";
        LocalApi.Response key = api.send("POST", keys, api.bearer(), "{\"name\": \"cron host\"}");
        assertThat(key.status()).as("%s", key.body()).isEqualTo(201);
        assertThat(api.send("GET", projects, api.bearer(), null).status()).isEqualTo(200);
        assertThat(api.send("GET", keys, api.bearer(), null).status()).isEqualTo(200);
        assertThat(api.send("DELETE", keys + key.object().get("id") + "/", api.bearer(), null).status()).isEqualTo(204);
    }

    /**
     * An environment whose monitor is gone (a check-in that raced the monitor's deletion leaves one):
     * the judgement of its deadline removes it rather than judging it again every minute, whether the
     * processor judges it or, past the bound, the clock itself.
     */
    @Test
    void anEnvironmentLeftBehindByItsDeletedMonitorIsRemovedWhenItFallsDue() {
        api.checkIn("stale", withConfig("ok", HOURLY));
        orphan("stale");
        Instant now = at("01:30"); // 25 minutes past its deadline: the clock judges it itself
        controls.setTime(now);
        assertThat(controls.tickWithoutDraining(now).judgedHere()).hasSize(1);
        assertThat(monitorItems("stale")).isEmpty();

        api.checkIn("doomed", withConfig("ok", HOURLY));
        orphan("doomed");
        moveTo("02:06");                // its judgement goes through the queue to the processor
        assertThat(monitorItems("doomed")).isEmpty();
        assertThat(api.notifications()).isEmpty();
    }

    /**
     * SNS failing: the processor keeps the alert for later, the clock's sweep delivers it once SNS
     * answers, and one that never gets through is given up after its attempts and shown as a
     * processing error. Each step runs under the function that does it on AWS, so the recorded calls
     * hold the template's permissions for the outbox's writes.
     */
    @Test
    void anAlertSnsRefusesIsSentByTheClockLater_andOneNeverAcceptedIsGivenUpAndShown() {
        faults.failAlertPublishing(alert -> true);
        api.checkIn("flaky", withConfig("error", HOURLY));
        api.checkIn("unlucky", withConfig("error", HOURLY));
        controls.drainQueue();
        assertThat(api.notifications()).isEmpty();

        faults.failAlertPublishing(alert -> alert.monitor().slug().equals("unlucky"));
        moveTo("00:05");
        assertThat(api.notifications()).singleElement()
                .satisfies(n -> assertThat((String) n.get("subject")).contains("flaky"));

        moveTo("02:00");
        assertThat(api.notifications()).hasSize(1);
        assertThat(api.processingErrors("unlucky").toString()).contains("ALERT_NOT_DELIVERED");
    }

    /** Applies what was sent, then deletes the monitor's own item, leaving its environment. */
    private void orphan(String slug) {
        controls.drainQueue();
        Backends b = controls.backends();
        b.dynamoDb().deleteItem(d -> d.tableName(b.table()).key(Map.of("pk", monitorPk(slug), "sk", AttributeValue.fromS("M"))));
    }

    private List<Map<String, AttributeValue>> monitorItems(String slug) {
        Backends b = controls.backends();
        return b.dynamoDb().query(q -> q.tableName(b.table()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", monitorPk(slug)))).items();
    }

    private AttributeValue monitorPk(String slug) {
        return AttributeValue.fromS("MON#" + api.organization() + "#" + slug);
    }

    /** A systemd calendar expression is a schedule like a crontab: deadlines, misses and alerts alike. */
    @Test
    void anOnCalendarMonitorMissesAndAlertsLikeACrontabOne() {
        api.checkIn("timer", withConfig("ok", "{\"schedule\": {\"type\": \"oncalendar\", \"value\": "
                + "\"*-*-* *:00/30 Europe/Riga\"}, \"checkin_margin\": 5}"));
        moveTo("00:20");
        assertThat(api.environment("timer", "production")).containsEntry("nextCheckIn", "2026-01-01T00:30:00Z")
                .containsEntry("nextCheckInLatest", "2026-01-01T00:35:00Z");
        moveTo("00:36");
        assertThat(api.checkIns("timer")).extracting(c -> c.get("status")).containsExactly("missed", "ok");
        assertThat(api.notifications()).singleElement()
                .satisfies(n -> assertThat(attributes(n)).containsEntry("reason", "missed"));
        assertThat(api.monitor("timer").get("config")).asString().contains("oncalendar");
    }

    /** A deadline the clock could not tick for past the bound is judged by the clock itself, once. */
    @Test
    void aDeadlineLeftUnjudgedPastTheBoundIsJudgedByTheClockItself() {
        api.checkIn("late", withConfig("ok", HOURLY));
        controls.drainQueue();
        Instant now = at("01:30"); // the 01:05 deadline, 25 minutes later: past MaxJudgementDelayMinutes (15)
        controls.setTime(now);
        assertThat(controls.tickWithoutDraining(now).judgedHere()).hasSize(1);
        assertThat(api.checkIns("late")).extracting(c -> c.get("status")).containsExactly("missed", "ok");
        assertThat(api.notifications()).hasSize(1);
    }

    /** A run's log, as `sentry-cli monitors run` uploads it. */
    private void attach(String slug, String checkInId) {
        String path = "/api/0/organizations/" + api.organization() + "/monitors/" + slug + "/checkins/" + checkInId
                + "/attachment/";
        LocalApi.Response r = api.sendMultipart(path, "run.log", "done\n");
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> attributes(Map<String, Object> notification) {
        return (Map<String, Object>) notification.get("attributes");
    }
}
