package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.ingest.PingCommand;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.monitor.Ping;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingKind;
import dev.cronwatch.core.monitor.PingTarget;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.CredentialLookup;
import dev.cronwatch.core.service.IngestService;
import dev.cronwatch.core.tenant.PingKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Healthchecks' ping URLs (docs/spec.md §14.1), answered as Healthchecks answers them: plain text,
 * {@code Access-Control-Allow-Origin: *} and {@code Ping-Body-Limit} on success, any method. The URL
 * is resolved to a monitor here (a ping code or a project's ping key and a slug, each looked up at
 * most once per container every 10 seconds), then the ping is queued as a check-in is; the processor
 * applies it.
 */
final class PingApi {
    static final String PREFIX = "/ping/";
    private static final Duration HIT_TTL = Duration.ofSeconds(10);
    /**
     * An unknown ping code or key can only become known by a new check or project; a missing slug is
     * created by {@code ?create=1} or the API at any moment, and is looked up again every time.
     */
    private static final Duration CODE_MISS_TTL = Duration.ofSeconds(60);
    private static final Duration SLUG_MISS_TTL = Duration.ZERO;
    private static final int MAX_ENTRIES = 10_000;
    private static final int MAX_EXIT_STATUS = 255;
    /** Django's {@code slug} converter, which Healthchecks' URLs use for both the ping key and the slug. */
    private static final Pattern URL_SLUG = Pattern.compile("[-a-zA-Z0-9_]+");
    private static final Pattern SLUG = Pattern.compile("[-a-z0-9_]{1,100}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern RID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final IngestService ingest;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final PingLimiter limiter;
    private final Memo<PingTarget> codes;
    private final Memo<PingKey> keys;
    private final Memo<Monitor> monitors;

    PingApi(IngestService ingest, ManagementStore store, CredentialLookup tenants, Clock clock, Supplier<UUID> ids,
            int rateLimitPerMinute) {
        this.ingest = ingest;
        this.clock = clock;
        this.ids = ids;
        this.limiter = new PingLimiter(rateLimitPerMinute);
        this.codes = new Memo<>(store::pingTarget, HIT_TTL, CODE_MISS_TTL, MAX_ENTRIES);
        this.keys = new Memo<>(tenants::pingKey, HIT_TTL, CODE_MISS_TTL, MAX_ENTRIES);
        this.monitors = new Memo<>(key -> store.monitor(monitorOf(key)), HIT_TTL, SLUG_MISS_TTL, MAX_ENTRIES);
    }

    /** {@code /ping/<a>[/<b>[/<c>]]}, any method: which form it is is decided here, as Healthchecks' URL table does. */
    APIGatewayV2HTTPResponse ping(Request request, String a, String b, String c) {
        boolean trailingSlash = request.path().endsWith("/");
        if (b == null) {
            return PingCheck.isPingCode(a) ? byCode(request, a, "") : Answer.NOT_FOUND.response();
        }
        if (trailingSlash) return Answer.NOT_FOUND.response(); // only /ping/<uuid>/ takes a slash
        if (c == null && PingCheck.isPingCode(a) && isAction(b)) return byCode(request, a, b);
        return bySlug(request, a, b, c == null ? "" : c);
    }

    private static MonitorKey monitorOf(String organizationAndSlug) {
        String[] parts = organizationAndSlug.split("/", 2);
        return new MonitorKey(parts[0], parts[1]);
    }

    private static boolean isAction(String action) {
        return action.equals("start") || action.equals("fail") || action.equals("log") || DIGITS.matcher(action).matches();
    }

    private APIGatewayV2HTTPResponse byCode(Request request, String code, String action) {
        Instant now = clock.instant();
        Optional<PingTarget> target = codes.get(code, now);
        if (target.isEmpty()) return Answer.NOT_FOUND.response();
        return send(request, target.get().monitor(), target.get().projectId(), action, null, now);
    }

    /** Healthchecks' {@code ping_by_slug}: an upper-case slug is refused before anything is looked up. */
    private APIGatewayV2HTTPResponse bySlug(Request request, String pingKey, String slug, String action) {
        if (!URL_SLUG.matcher(pingKey).matches() || !URL_SLUG.matcher(slug).matches()) return Answer.NOT_FOUND.response();
        if (!action.isEmpty() && !isAction(action)) return Answer.NOT_FOUND.response();
        if (!slug.equals(slug.toLowerCase(Locale.ROOT))) return Answer.INVALID_URL.response();
        Instant now = clock.instant();
        Optional<PingKey> key = keys.get(pingKey, now);
        if (key.isEmpty() || !SLUG.matcher(slug).matches()) return Answer.NOT_FOUND.response();
        MonitorKey monitor = new MonitorKey(key.get().organization(), slug);
        Optional<Monitor> found = monitors.get(monitor.organization() + "/" + slug, now);
        if (found.isPresent()) {
            // slugs are unique per organization: another project's monitor is out of this key's reach
            if (!found.get().projectId().equals(key.get().projectId())) return Answer.AMBIGUOUS.response();
            return send(request, monitor, key.get().projectId(), action, null, now);
        }
        if (!"1".equals(request.query().get("create"))) return Answer.NOT_FOUND.response();
        return send(request, monitor, key.get().projectId(), action, PingCheck.withCode(ids.get().toString()), now);
    }

    private APIGatewayV2HTTPResponse send(Request request, MonitorKey monitor, String projectId, String action,
                                          PingCheck create, Instant now) {
        Integer exitStatus = null;
        PingKind kind = PingKind.SUCCESS;
        if (DIGITS.matcher(action).matches()) {
            exitStatus = exitStatus(action);
            if (exitStatus == null) return Answer.INVALID_URL.response();
            kind = exitStatus == 0 ? PingKind.SUCCESS : PingKind.FAIL;
        } else if (!action.isEmpty()) {
            kind = PingKind.fromWire(action);
        }
        String rid = request.query().get("rid");
        if (rid != null && !RID.matcher(rid).matches()) return Answer.INVALID_UUID.response();
        if (!limiter.admit(monitor, now)) return Answer.RATE_LIMITED.response();
        Ping ping = new Ping(kind, exitStatus, request.method(), request.header("user-agent"), remoteAddr(request),
                scheme(request), rid == null ? null : rid.toLowerCase(Locale.ROOT));
        byte[] body = request.receivedBody();
        ingest.acceptPing(new PingCommand(monitor, projectId, ping, body, request.header("content-type"), create));
        return create == null ? Answer.OK.response() : Answer.CREATED.response();
    }

    /** {@code /007} is 7; beyond 255 (however many digits) is not an exit status. */
    private static Integer exitStatus(String digits) {
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        if (trimmed.length() > 3) return null;
        int value = Integer.parseInt(trimmed);
        return value > MAX_EXIT_STATUS ? null : value;
    }

    /** The address the gateway saw; Healthchecks' first {@code X-Forwarded-For} item is the client's own word. */
    private static String remoteAddr(Request request) {
        if (request.sourceIp() != null) return request.sourceIp();
        String forwarded = request.header("x-forwarded-for");
        return forwarded == null ? null : forwarded.split(",")[0].trim();
    }

    private static String scheme(Request request) {
        String proto = request.header("x-forwarded-proto");
        return proto == null ? "http" : proto;
    }

    /** Healthchecks' answers, word for word; the success headers only on success, as there. */
    enum Answer {
        OK(200, "OK"), CREATED(201, "Created"), NOT_FOUND(404, "not found"), INVALID_URL(400, "invalid url format"),
        INVALID_UUID(400, "invalid uuid format"), AMBIGUOUS(409, "ambiguous slug"),
        RATE_LIMITED(200, "OK (rate-limited)");

        final int status;
        final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }

        APIGatewayV2HTTPResponse response() {
            Map<String, String> headers = new LinkedHashMap<>();
            if (this == OK || this == CREATED) {
                headers.put("Access-Control-Allow-Origin", "*");
                headers.put("Ping-Body-Limit", Integer.toString(Request.MAX_BODY));
            }
            return Response.text(status, body, headers);
        }
    }

    /**
     * The ping rate limit answered at the edge, as Healthchecks' hosted service does: past the limit
     * in a minute a ping of one check is answered 200 {@code OK (rate-limited)} and not recorded
     * (never 429, which curl's {@code --retry} would retry). Counted per container: the processor's
     * limit (docs/spec.md D9) still holds across containers.
     */
    private static final class PingLimiter {
        private final int perMinute;
        private final Map<MonitorKey, long[]> counts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<MonitorKey, long[]> eldest) {
                return size() > MAX_ENTRIES;
            }
        };

        PingLimiter(int perMinute) {
            this.perMinute = perMinute;
        }

        synchronized boolean admit(MonitorKey monitor, Instant now) {
            long minute = now.truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
            long[] count = counts.computeIfAbsent(monitor, k -> new long[] {minute, 0});
            if (count[0] != minute) {
                count[0] = minute;
                count[1] = 0;
            }
            return ++count[1] <= perMinute;
        }
    }
}
