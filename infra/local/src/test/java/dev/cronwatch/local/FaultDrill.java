package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.adapters.dynamo.DynamoWholeStore;
import dev.cronwatch.core.fakes.WholeStore;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.ProcessorService;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One fault-injection run of the whole local system on the manual clock. AWS's EventBridge clock is
 * played as it runs there, one tick every minute whether or not anything is due (local mode's own
 * fast-forward skips idle minutes, and with them the outbox sweeps a failed publish waits for). The
 * drill remembers what it sent and when each alert went out, then counts what the system made of it.
 */
final class FaultDrill implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String ORG = "local";

    final LocalSystem system;
    final LocalControls controls;
    final InjectedFaults faults = new InjectedFaults();
    final LocalApi api;
    private final Map<String, Map<String, String>> sentStatusById = new TreeMap<>();
    private final Map<String, List<Instant>> expectedMisses = new TreeMap<>();
    private final Map<String, Integer> marginMinutes = new HashMap<>();
    private final List<Instant> publishedAt = new ArrayList<>();
    private final List<String> tickFailures = new ArrayList<>();
    private boolean processorPaused;
    private int clientRetries;
    /** Check-in messages the API accepted (a two-step run is two): each must be applied exactly once. */
    private int messagesAccepted;

    FaultDrill(Path dataDir, Backends backends, String... extraOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--in-memory", "--data-dir", dataDir.toString(),
                "--clock", "manual", "--start", T0.toString()));
        args.addAll(List.of(extraOptions));
        LocalOptions options = LocalOptions.parse(args.toArray(String[]::new));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        system = new LocalSystem(options, quiet, backends == null ? Emulators.start(options.dataDir(), options.inMemory())
                : backends, FaultSeam.of(faults));
        controls = system.controls();
        api = new LocalApi(system.credentials());
    }

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static Instant at(int minutes, int seconds) {
        return at(minutes).plusSeconds(seconds);
    }

    // ---- what the jobs do ----

    /** A monitor this drill follows: its margin (for how late an alert was) and the slots it must miss. */
    void follow(String slug, int margin) {
        marginMinutes.put(slug, margin);
        sentStatusById.putIfAbsent(slug, new LinkedHashMap<>());
        expectedMisses.putIfAbsent(slug, new ArrayList<>());
    }

    void expectMissed(String slug, Instant slot) {
        expectedMisses.get(slug).add(slot);
    }

    /** A check-in at {@code now} (the manual clock is moved there first); returns its id. */
    String checkIn(Instant now, String slug, String body, String status) {
        controls.setTime(now);
        String id = api.checkIn(slug, body);
        sentStatusById.get(slug).put(id, status);
        messagesAccepted++;
        return id;
    }

    /**
     * A check-in from a client that sends again after a 5xx (the API's own store lookups may fail too),
     * up to five times; returns its id.
     */
    String checkInRetrying(Instant now, String slug, String body, String status) {
        controls.setTime(now);
        for (int attempt = 1; ; attempt++) {
            LocalApi.Response r = api.postCheckIn(slug, body);
            if (r.status() == 201) {
                String id = (String) r.object().get("id");
                sentStatusById.get(slug).put(id, status);
                messagesAccepted++;
                return id;
            }
            assertThat(r.status()).as("POST check-in %s: %s", body, r.body()).isGreaterThanOrEqualTo(500);
            assertThat(attempt).as("attempts of POST check-in %s", body).isLessThan(5);
            clientRetries++;
        }
    }

    int clientRetries() {
        return clientRetries;
    }

    /** Finishes a run; sent again after a 5xx, up to five times. */
    void finish(Instant now, String slug, String id, String status) {
        controls.setTime(now);
        for (int attempt = 1; ; attempt++) {
            LocalApi.Response r = api.putCheckIn(slug, id, "{\"status\": \"" + status + "\"}");
            if (r.status() == 202) {
                messagesAccepted++;
                break;
            }
            assertThat(r.status()).as("PUT check-in %s: %s", id, r.body()).isGreaterThanOrEqualTo(500);
            assertThat(attempt).as("attempts of PUT check-in %s", id).isLessThan(5);
            clientRetries++;
        }
        sentStatusById.get(slug).put(id, status);
    }

    // ---- the clock, as EventBridge runs it ----

    /** The tick of {@code minute}, then the queue applied (unless the processor is stopped). */
    ClockService.TickResult tick(Instant minute) {
        controls.setTime(minute);
        ClockService.TickResult result = controls.tickWithoutDraining(minute);
        result.failures().forEach(f -> tickFailures.add(minute + ": " + f));
        settle(minute);
        return result;
    }

    /**
     * The tick of {@code minute} where the tick itself may fail (its store reads failing): a failure
     * is noted and the next minute's tick takes over, as on AWS. Null when it failed.
     */
    ClockService.TickResult tickTolerating(Instant minute) {
        controls.setTime(minute);
        ClockService.TickResult result = null;
        try {
            result = controls.tickWithoutDraining(minute);
            result.failures().forEach(f -> tickFailures.add(minute + ": " + f));
        } catch (RuntimeException e) {
            tickFailures.add(minute + ": tick failed: " + e);
        }
        settle(minute);
        return result;
    }

    /** Applies what is queued (when the processor runs) and notes the alerts that went out by {@code now}. */
    void settle(Instant now) {
        if (!processorPaused) controls.drainQueue();
        stampAlerts(now);
    }

    /** Stops the processor at {@code now} (after it applied what was queued), or starts it again and lets it catch up. */
    void pauseProcessor(boolean paused, Instant now) {
        controls.setTime(now);
        if (paused) settle(now);
        processorPaused = paused;
        controls.pauseProcessor(paused);
        if (!paused) settle(now);
    }

    private void stampAlerts(Instant now) {
        int published = controls.notifications().size();
        while (publishedAt.size() < published) publishedAt.add(now);
    }

    /** When the incident.opened alert of {@code slug} went out (the minute the drill saw it), or null. */
    Instant openedAlertSentAt(String slug) {
        List<Map<String, Object>> published = controls.notifications();
        for (int i = 0; i < published.size() && i < publishedAt.size(); i++) {
            Map<String, Object> a = EndToEndSuite.attributes(published.get(i));
            if (slug.equals(a.get("monitor")) && "incident.opened".equals(a.get("type"))) return publishedAt.get(i);
        }
        return null;
    }

    /** When each published alert went out (the minute the drill saw it), in publishing order. */
    List<Instant> publishedAt() {
        return List.copyOf(publishedAt);
    }

    List<String> tickFailures() {
        return List.copyOf(tickFailures);
    }

    // ---- what the system made of it ----

    List<CheckIn> stored(String slug) {
        WholeStore store = DynamoWholeStore.of(controls.ports().stores(), controls.backends().dynamoDb(),
                controls.backends().table());
        List<CheckIn> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<CheckIn> page = store.checkIns(new MonitorKey(ORG, slug), null, cursor, 100);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** Messages in the dead-letter queue, visible or not. */
    int deadLetters() {
        Backends b = controls.backends();
        Map<QueueAttributeName, String> a = b.sqs().getQueueAttributes(r -> r.queueUrl(b.queues().deadLetterQueueUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return a.values().stream().mapToInt(Integer::parseInt).sum();
    }

    int processingErrors(Instant now) {
        return DynamoWholeStore.of(controls.ports().stores(), controls.backends().dynamoDb(),
                controls.backends().table()).organizationProcessingErrors(ORG, now, null, 100).items().size();
    }

    /**
     * Counts everything, prints one line, and asserts the promise: nothing lost, nothing twice, alerts
     * once, and no opened alert later than {@code alertsWithin} after its deadline (what the scenario's
     * fault explains).
     */
    Figures figures(String scenario, Instant now, Duration alertsWithin, String extra) {
        // the check-ins sent after the last tick may still be in flight: count what the queue applied
        settle(now);
        int sent = 0;
        int applied = 0;
        int duplicated = 0;
        int missedRecorded = 0;
        int falseMisses = 0;
        int missedExpected = 0;
        List<String> problems = new ArrayList<>();
        for (String slug : sentStatusById.keySet()) {
            Map<String, String> sentHere = sentStatusById.get(slug);
            sent += sentHere.size();
            Map<String, Integer> timesStored = new HashMap<>();
            List<Instant> missedSlots = new ArrayList<>();
            for (CheckIn c : stored(slug)) {
                if (c.status() == CheckInStatus.MISSED) {
                    missedSlots.add(c.expectedTime());
                    if (!c.dateAdded().equals(c.expectedTime())) problems.add(slug + ": a MISSED not dated at its slot " + c);
                    continue;
                }
                if (c.status() == CheckInStatus.TIMEOUT) problems.add(slug + ": unexpected timeout " + c.id());
                timesStored.merge(c.id(), 1, Integer::sum);
                String expected = sentHere.get(c.id());
                if (expected == null) {
                    duplicated++; // a check-in nobody sent
                } else if (!expected.equals(c.status().wireName())) {
                    problems.add(slug + ": " + c.id() + " is " + c.status().wireName() + ", sent " + expected);
                }
            }
            for (String id : sentHere.keySet()) {
                Integer n = timesStored.get(id);
                if (n != null) {
                    applied++;
                    duplicated += n - 1;
                }
            }
            List<Instant> expectedSlots = expectedMisses.get(slug);
            missedExpected += expectedSlots.size();
            missedRecorded += missedSlots.size();
            List<Instant> sortedSlots = missedSlots.stream().sorted().toList();
            if (!sortedSlots.equals(expectedSlots.stream().sorted().toList())) {
                problems.add(slug + ": MISSED slots " + sortedSlots + ", expected " + expectedSlots);
            }
            falseMisses += (int) missedSlots.stream().filter(s -> !expectedSlots.contains(s)).count();
        }
        // a check-in applied twice is refused the second time (a run that already finished): an error
        int errors = processingErrors(now);
        duplicated += errors;
        // a heartbeat applied twice leaves one stored check-in and no error: the processor's own count shows it
        Map<ProcessorService.MessageOutcome.Kind, Integer> outcomes = controls.processed();
        int applications = outcomes.getOrDefault(ProcessorService.MessageOutcome.Kind.APPLIED, 0)
                + outcomes.getOrDefault(ProcessorService.MessageOutcome.Kind.REJECTED, 0);
        int appliedAgain = Math.max(0, applications - messagesAccepted);
        duplicated += appliedAgain;

        Alerts alerts = alerts();
        int deadLetters = deadLetters();
        Figures f = new Figures(scenario, sent, applied, sent - applied, duplicated, missedExpected, missedRecorded,
                falseMisses, alerts.expected, alerts.sent, alerts.duplicated, alerts.missing, alerts.latest,
                alerts.latestWhat, deadLetters, controls.processed().toString(), extra);
        System.out.println(f.line());
        assertThat(problems).as("check-ins and misses").isEmpty();
        assertThat(f.lost()).as("check-ins lost").isZero();
        assertThat(f.duplicated()).as("check-ins applied twice (processing errors %s; messages applied %s, accepted %s)",
                errors, applications, messagesAccepted).isZero();
        assertThat(alerts.latest).as("latest alert after its deadline: %s", alerts.latestWhat).isLessThanOrEqualTo(alertsWithin);
        assertThat(alerts.missing).as("expected alerts never sent").isEmpty();
        assertThat(alerts.duplicated).as("alerts sent twice").isZero();
        assertThat(alerts.unexpected).as("alerts nobody expected").isEmpty();
        assertThat(deadLetters).as("messages in the dead-letter queue").isZero();
        return f;
    }

    /** What the drill expects: one incident.opened per monitor that misses (failure threshold 1). */
    private Alerts alerts() {
        List<Map<String, Object>> published = controls.notifications();
        Map<String, Integer> expected = new TreeMap<>();
        expectedMisses.forEach((slug, slots) -> {
            if (!slots.isEmpty()) expected.put(slug + "/production/incident.opened", 1);
        });
        Map<String, Integer> seenIds = new HashMap<>();
        Map<String, Integer> seenKeys = new TreeMap<>();
        Duration latest = Duration.ZERO;
        String latestWhat = "none";
        int duplicated = 0;
        for (int i = 0; i < published.size(); i++) {
            Map<String, Object> n = published.get(i);
            Map<String, Object> message = Json.parseObject((String) n.get("message"));
            Map<String, Object> attributes = EndToEndSuite.attributes(n);
            String id = message.get("incidentId") + ":" + message.get("type");
            if (seenIds.merge(id, 1, Integer::sum) > 1) duplicated++;
            String slug = (String) attributes.get("monitor");
            seenKeys.merge(slug + "/" + attributes.get("environment") + "/" + attributes.get("type"), 1, Integer::sum);
            Integer margin = marginMinutes.get(slug);
            if (margin != null && "incident.opened".equals(message.get("type")) && i < publishedAt.size()) {
                Instant deadline = Instant.parse((String) message.get("dateStarted")).plus(Duration.ofMinutes(margin));
                Duration late = Duration.between(deadline, publishedAt.get(i));
                if (late.compareTo(latest) > 0 || latestWhat.equals("none")) {
                    latest = late;
                    latestWhat = slug + " (deadline " + deadline + ", sent " + publishedAt.get(i) + ")";
                }
            }
        }
        List<String> missing = new ArrayList<>();
        expected.keySet().forEach(k -> {
            if (!seenKeys.containsKey(k)) missing.add(k);
        });
        List<String> unexpected = new ArrayList<>();
        seenKeys.forEach((k, n) -> {
            if (!expected.containsKey(k)) unexpected.add(k + " x" + n);
            else if (n > 1) unexpected.add(k + " x" + n);
        });
        return new Alerts(expected.size(), published.size(), duplicated, missing, unexpected, latest, latestWhat);
    }

    private record Alerts(int expected, int sent, int duplicated, List<String> missing, List<String> unexpected,
                          Duration latest, String latestWhat) {
    }

    /** One scenario's figures, as the test prints them. */
    record Figures(String scenario, int sent, int applied, int lost, int duplicated, int missedExpected,
                   int missedRecorded, int falseMisses, int alertsExpected, int alertsSent, int alertsDuplicated,
                   List<String> alertsMissing, Duration latestAlertLate, String latestAlert, int deadLetters,
                   String processed, String extra) {
        String line() {
            return String.format("FAULTS %s: check-ins sent %d / applied %d / lost %d / duplicated %d;"
                            + " MISSED expected %d / recorded %d (false %d); alerts expected %d / sent %d / duplicated %d;"
                            + " latest alert %s after its deadline: %s; DLQ %d; processor %s%s",
                    scenario, sent, applied, lost, duplicated, missedExpected, missedRecorded, falseMisses,
                    alertsExpected, alertsSent, alertsDuplicated, minutes(latestAlertLate), latestAlert, deadLetters,
                    processed, extra == null || extra.isEmpty() ? "" : "; " + extra);
        }

        private static String minutes(Duration d) {
            return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toMinutes() + " min " + d.toSeconds() % 60 + " s";
        }
    }

    @Override
    public void close() {
        system.close();
    }
}
