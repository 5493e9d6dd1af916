package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.sqs.QueueMessageCodec;
import dev.cronwatch.core.changes.Changes;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.queue.CheckInMessage;
import dev.cronwatch.core.validation.SlugRule;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.AccessKeys;
import dev.cronwatch.core.port.AlertOutbox;
import dev.cronwatch.core.port.BadgeSummaries;
import dev.cronwatch.core.port.CheckInQueue;
import dev.cronwatch.core.port.CredentialLookup;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.ProcessingErrorLog;
import dev.cronwatch.core.port.ProjectDirectory;
import dev.cronwatch.core.port.Stores;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import dev.cronwatch.core.tenant.TenantNames;
import dev.cronwatch.core.validation.Text;
import dev.cronwatch.handlers.http.HttpRoutes;
import dev.cronwatch.handlers.usecases.IngestServices;
import dev.cronwatch.handlers.usecases.JudgingServices;
import dev.cronwatch.handlers.usecases.Limits;
import dev.cronwatch.handlers.usecases.ManagementServices;
import dev.cronwatch.handlers.usecases.Ports;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Two organizations of two projects each, with monitors, check-ins, incidents, processing errors and
 * an attachment, behind the HTTP function on the in-memory ports. Between the function and its ports
 * stand guards for what the real adapters would refuse: a key part DynamoDB could not take (or that
 * could forge a separator), and a message SQS could not carry. A guard's complaint is a finding.
 */
final class TwoTenants {
    record Tenant(String organization, String token, List<String> projectIds, List<String> projectSlugs,
                  List<String> publicKeys) {
        String dsn(int project) {
            return "http://" + publicKeys.get(project) + "@cronwatch.test/" + projectIds.get(project);
        }

        String projectName(int project) {
            return "Project " + projectSlugs.get(project) + " of " + organization;
        }

        String keyName(int project) {
            return "Key " + projectSlugs.get(project) + " of " + organization;
        }
    }

    // slugs and names no other value contains, so that each one found in an answer names its owner
    static final Tenant ACME = new Tenant("acme", "a".repeat(63) + "1", List.of("1", "2"), List.of("storefront", "payroll"),
            List.of("0123456789abcdef0123456789abcdef", "1123456789abcdef0123456789abcdef"));
    static final Tenant GLOBEX = new Tenant("globex", "b".repeat(63) + "2", List.of("1", "2"), List.of("ledger", "warehouse"),
            List.of("2123456789abcdef0123456789abcdef", "3123456789abcdef0123456789abcdef"));
    static final List<Tenant> TENANTS = List.of(ACME, GLOBEX);
    /** The monitors each organization has: the same slugs in both, so that a slug alone names nothing. */
    static final List<String> MONITORS = List.of("backup", "report");
    /** SQS's limits on a message body: 256 KB, and only these characters. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;

    final InMemoryMonitorStore store = new InMemoryMonitorStore();
    final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
    final RecordingQueue queue = new RecordingQueue();
    final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
    final List<String> guardFindings = new ArrayList<>();
    final Ports ports;
    final ProcessorService processor;
    final HttpApiHandler handler;
    /**
     * Per organization, every secret and identifier another tenant must never see unless it sent it
     * itself: its name, token, DSN keys, key names, project slugs and names, monitor, check-in,
     * incident and processing-error ids, environment names and attachment contents. Project ids and
     * monitor slugs are the same in both organizations, so they name nothing and are left out.
     */
    final Map<String, List<String>> secrets = new HashMap<>();
    final Map<String, List<String>> checkInIds = new HashMap<>();
    /** Per organization, the ping code of its Healthchecks check "nightly" (project 1, tags "prod db"). */
    final Map<String, String> pingCodes = new HashMap<>();
    /** Per organization, the paths of its badges as API v3 lists them, and its check's badge. */
    final Map<String, List<String>> badgePaths = new HashMap<>();
    /** Organizations the ports were asked to write for since {@link #takeWrittenOrganizations()} last ran. */
    private final Set<String> writtenOrganizations = new HashSet<>();

    TwoTenants() {
        for (Tenant t : TENANTS) {
            tenants.createOrganization(t.organization(), clock.instant());
            tenants.ensureToken(t.organization(), t.token());
            for (int p = 0; p < 2; p++) {
                tenants.ensureProject(new Project(t.organization(), t.projectIds().get(p), t.projectSlugs().get(p),
                        t.projectName(p), clock.instant()));
                tenants.createKey(new ProjectKey(t.publicKeys().get(p), t.organization(), t.projectIds().get(p),
                        t.keyName(p), clock.instant()));
                tenants.createApiKey(dev.cronwatch.core.tenant.ApiKey.of(t.organization(), t.projectIds().get(p), apiKey(t, p),
                        null, clock.instant()), apiKey(t, p));
            }
            tenants.ensurePingKey(t.organization(), t.projectIds().get(0), pingKey(t));
        }
        ports = Ports.of(new Stores(guarded(DecisionStore.class, store), guarded(AlertOutbox.class, store),
                guarded(ManagementStore.class, store), guarded(ProcessingErrorLog.class, store)),
                new Tenants(guarded(CredentialLookup.class, tenants), guarded(ProjectDirectory.class, tenants),
                        guarded(AccessKeys.class, tenants), guarded(BadgeSummaries.class, tenants)),
                new SqsShapedQueue(queue, guardFindings), new RecordingPublisher(), clock, UUID::randomUUID, Limits.DEFAULTS);
        processor = JudgingServices.processor(ports);
        handler = new HttpApiHandler(IngestServices.of(ports), ManagementServices.of(ports));
        for (Tenant t : TENANTS) seed(t);
        guardFindings.clear();
        writtenOrganizations.clear();
    }

    /**
     * In each organization: "backup" (project 1) with an in-progress run, an incident and an attachment;
     * "report" (project 2) with a finished run and a processing error. Every id lands in {@link #secrets}.
     */
    private void seed(Tenant t) {
        String monitors = "/api/0/organizations/" + t.organization() + "/monitors/";
        String config = "\"monitor_config\": {\"schedule\": \"0 * * * *\", \"failure_issue_threshold\": 1}";
        post(monitors + "backup/checkins/", t.dsn(0), "{\"status\": \"error\", \"environment\": \"prod-" + t.organization()
                + "\", " + config + "}");
        clock.advance(Duration.ofMinutes(1));
        String running = (String) Json.parseObject(post(monitors + "backup/checkins/", t.dsn(0),
                "{\"status\": \"in_progress\", \"environment\": \"prod-" + t.organization() + "\"}").getBody()).get("id");
        post(monitors + "report/checkins/", t.dsn(1), "{\"status\": \"ok\", " + config + "}");
        process();
        post(monitors + "report/checkins/", t.dsn(0), "{\"status\": \"ok\"}"); // the other project's key: an error
        process();
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + t.organization()
                + ".log\"\r\n\r\nlog of " + t.organization() + "\r\n--b--\r\n";
        send("POST", monitors + "backup/checkins/" + running + "/attachment/",
                Map.of("authorization", "DSN " + t.dsn(0), "content-type", "multipart/form-data; boundary=b"),
                multipart.getBytes(StandardCharsets.UTF_8), true);
        seedHealthchecks(t);
        List<String> own = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String slug : MONITORS) {
            MonitorKey key = new MonitorKey(t.organization(), slug);
            store.monitor(key).ifPresent(m -> own.add(m.id()));
            store.allCheckIns(key).forEach(c -> ids.add(c.id()));
            store.incidents(key, null, 10_000).items().forEach(i -> own.add(i.id()));
            store.processingErrors(key, clock.instant()).forEach(e -> own.add(e.id()));
        }
        own.addAll(ids);
        own.add("prod-" + t.organization());
        own.add("log of " + t.organization());
        own.add(t.organization());
        own.add(t.token());
        own.add(ManagementToken.idOf(t.token()));
        own.addAll(t.publicKeys());
        own.add(pingCodes.get(t.organization()));
        own.add(pingKey(t));
        own.add(apiKey(t, 0));
        own.add(apiKey(t, 1));
        own.addAll(t.projectSlugs());
        for (int p = 0; p < 2; p++) {
            own.add(t.projectName(p));
            own.add(t.keyName(p));
        }
        secrets.put(t.organization(), own);
        checkInIds.put(t.organization(), ids);
    }

    /** A Healthchecks check made through API v3, and the badges of its project, listed (which makes them). */
    @SuppressWarnings("unchecked")
    private void seedHealthchecks(Tenant t) {
        Map<String, String> headers = Map.of("x-api-key", apiKey(t, 0), "host", "cronwatch.test");
        APIGatewayV2HTTPResponse made = send("POST", "/api/v3/checks/", headers, ("{\"name\": \"nightly\", \"slug\": \"nightly\","
                + " \"tags\": \"prod db\", \"timeout\": 3600}").getBytes(StandardCharsets.UTF_8), false);
        Map<String, Object> check = Json.parseObject(made.getBody());
        pingCodes.put(t.organization(), (String) check.get("uuid"));
        List<String> paths = new ArrayList<>();
        paths.add(((String) check.get("badge_url")).replace("http://cronwatch.test", ""));
        Map<String, Map<String, String>> badges = (Map<String, Map<String, String>>) Json.parseObject(
                send("GET", "/api/v3/badges/", headers, null, false).getBody()).get("badges");
        badges.values().forEach(forms -> forms.values().forEach(url -> paths.add(url.replace("http://cronwatch.test", ""))));
        badgePaths.put(t.organization(), paths);
    }

    /** A read-write API v3 key of project {@code p}. */
    static String apiKey(Tenant t, int p) {
        return "hcw_" + (t.organization().replaceAll("[^a-z0-9]", "") + p + "0".repeat(28)).substring(0, 28);
    }

    /** The Healthchecks ping key of project 1. */
    static String pingKey(Tenant t) {
        return (t.organization() + "pingkey" + "0".repeat(22)).substring(0, 22);
    }

    /** The HTTP function's routes, as {@link HttpRoutes#table()} gives them. */
    List<String> routeTable() {
        return HttpRoutes.all(IngestServices.of(ports), ManagementServices.of(ports)).table();
    }

    APIGatewayV2HTTPResponse post(String path, String dsn, String json) {
        return send("POST", path, Map.of("authorization", "DSN " + dsn, "content-type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), false);
    }

    APIGatewayV2HTTPResponse send(String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                                  boolean base64) {
        return handler.handleRequest(HttpEvents.event(method, pathAndQuery, headers, body, base64), null);
    }

    /** Applies what the HTTP function queued, as the processor does; a message it cannot apply is a finding. */
    int process() {
        int failures = 0;
        for (RecordingQueue.Delivery d : queue.takeAll()) {
            try {
                processor.apply(d.message(), d.sequence());
            } catch (RuntimeException e) {
                failures++;
                guardFindings.add("processor refused an accepted message " + d.message() + ": " + e);
            }
        }
        return failures;
    }

    int writes() {
        return store.writes() + tenants.writes();
    }

    /**
     * Checks every argument that would become a DynamoDB key part, then calls the fake. The checks are
     * what the real table needs: organization and project names of their shape (no "#" to forge a
     * key), monitor slugs (a Healthchecks check's may be 100), check-in ids as UUIDs, environments as printable names, public keys as hex.
     */
    @SuppressWarnings("unchecked")
    private <T> T guarded(Class<T> port, T target) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (args != null) {
                String written = writtenOrganization(method.getName(), args);
                if (written != null) writtenOrganizations.add(written);
                for (Object arg : args) {
                    if (arg instanceof MonitorKey key && !(TenantNames.isSlug(key.organization()) && SlugRule.CHECK.accepts(key.slug()))) {
                        guardFindings.add(method.getName() + " with key part " + key);
                    }
                    if (arg instanceof Attachment a && !isUuid(a.checkInId())) {
                        guardFindings.add(method.getName() + " with check-in id " + shorten(a.checkInId()));
                    }
                }
                String problem = keyPartProblem(method.getName(), args);
                if (problem != null) guardFindings.add(method.getName() + ": " + problem);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** Returns and forgets the organizations written for since the last call (the queue's messages aside). */
    Set<String> takeWrittenOrganizations() {
        Set<String> out = Set.copyOf(writtenOrganizations);
        writtenOrganizations.clear();
        return out;
    }

    /** The organization a port call writes for, or null for a read (and for the clock's and the outbox's writes). */
    private static String writtenOrganization(String method, Object[] args) {
        return switch (method) {
            case "commit" -> {
                Changes changes = (Changes) args[0];
                if (changes.monitor() != null) yield changes.monitor().key().organization();
                yield changes.environment() != null ? changes.environment().monitor().organization() : "(a commit of neither monitor nor environment)";
            }
            case "saveAttachment" -> ((Attachment) args[0]).monitor().organization();
            case "deleteMonitor", "deleteEnvironment", "recordFailure" -> ((MonitorKey) args[0]).organization();
            case "createProject", "revokeKey" -> (String) args[0];
            case "createKey" -> ((ProjectKey) args[0]).organization();
            default -> null;
        };
    }

    private static String keyPartProblem(String method, Object[] args) {
        switch (method) {
            case "dsnKey" -> {
                return TenantNames.isPublicKey((String) args[0]) ? null : "public key " + shorten(args[0]);
            }
            case "organizationForToken" -> {
                return ((String) args[0]).length() <= 256 ? null : "a token of " + ((String) args[0]).length() + " characters";
            }
            case "project", "projects", "keys", "revokeKey", "createProject", "monitors", "organizationMonitors" -> {
                if (!TenantNames.isSlug((String) args[0])) return "organization " + shorten(args[0]);
                if (method.equals("project") && !TenantNames.isProjectId((String) args[1]) && !TenantNames.isSlug((String) args[1])) {
                    return "project " + shorten(args[1]);
                }
                return null;
            }
            case "load" -> {
                String environment = (String) args[1];
                if (!Text.isPrintable(environment) || Text.length(environment) > MonitorEnvironment.MAX_NAME_LENGTH) {
                    return "environment " + shorten(environment);
                }
                return null;
            }
            case "checkIn" -> {
                return isUuid((String) args[1]) ? null : "check-in id " + shorten(args[1]);
            }
            case "checkIns" -> {
                String environment = (String) args[1];
                return environment == null || Text.isPrintable(environment) ? null : "environment " + shorten(environment);
            }
            case "attachment" -> {
                return isUuid((String) args[1]) ? null : "check-in id " + shorten(args[1]);
            }
            default -> {
                return null;
            }
        }
    }

    /** Sentry's slug rule, or a Healthchecks check's (up to 100 of the same characters, docs/spec.md §14). */
    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String shorten(Object o) {
        String s = String.valueOf(o);
        return s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + ")" : s;
    }

    /** The queue as SQS takes it: each message encoded as the real adapter does, within SQS's size and characters. */
    private record SqsShapedQueue(RecordingQueue queue, List<String> findings) implements CheckInQueue {
        private static final QueueMessageCodec CODEC = new QueueMessageCodec();

        @Override
        public void send(CheckInMessage message, String deduplicationId) {
            String body = CODEC.encode(message);
            if (body.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
                findings.add("a message of " + body.length() + " characters");
            }
            for (int i = 0; i < body.length(); ) {
                int c = body.codePointAt(i);
                boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                if (!allowed) {
                    findings.add("a message SQS refuses (U+" + Integer.toHexString(c) + "): " + shorten(body));
                    break;
                }
                i += Character.charCount(c);
            }
            if (deduplicationId.length() > 128) findings.add("a deduplication id of " + deduplicationId.length());
            CODEC.decode(body);
            queue.send(message, deduplicationId);
        }

        @Override
        public void sendJudgements(List<dev.cronwatch.core.queue.Judgement> judgements) {
            queue.sendJudgements(judgements);
        }
    }
}
