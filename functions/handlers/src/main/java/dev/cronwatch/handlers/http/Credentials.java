package dev.cronwatch.handlers.http;

import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.validation.FieldError;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DSN keys and bearer tokens, looked up once a minute per container: in the steady state a check-in
 * costs the HTTP function no read. A revoked credential stops working within that minute.
 */
public final class Credentials {
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;
    private static final Pattern SENTRY_KEY = Pattern.compile("sentry_key\\s*=\\s*([0-9a-fA-F]+)");

    private final TenantDirectory tenants;
    private final Clock clock;
    private final Cache<DsnKey> keys;
    private final Cache<String> tokens;

    public Credentials(TenantDirectory tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
        this.keys = new Cache<>(tenants::dsnKey);
        this.tokens = new Cache<>(tenants::organizationForToken);
    }

    /** {@code Authorization: DSN http://<key>@host/<projectId>} as the Sentry HTTP API takes it. */
    public DsnKey fromDsnHeader(Request request) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "DSN ", 0, 4)) throw unauthorized();
        try {
            URI dsn = URI.create(header.substring(4).trim());
            String userInfo = dsn.getUserInfo();
            String key = userInfo == null ? null : userInfo.split(":")[0];
            DsnKey found = key(key);
            String projectId = dsn.getPath() == null ? "" : dsn.getPath().replaceAll("^.*/", "");
            if (!projectId.isEmpty() && !projectId.equals(found.projectId())) throw unauthorized();
            return found;
        } catch (IllegalArgumentException e) {
            throw unauthorized();
        }
    }

    /** {@code X-Sentry-Auth: Sentry sentry_key=…}, or {@code ?sentry_key=}, as SDKs send envelopes. */
    public DsnKey fromSentryAuth(Request request, String projectId) {
        String key = request.query().get("sentry_key");
        String header = request.header("x-sentry-auth");
        if (key == null && header != null) {
            Matcher m = SENTRY_KEY.matcher(header);
            if (m.find()) key = m.group(1);
        }
        return forProject(key(key), projectId);
    }

    public DsnKey forProject(DsnKey key, String projectId) {
        if (!key.projectId().equals(projectId)) throw unauthorized();
        return key;
    }

    public DsnKey key(String publicKey) {
        if (publicKey == null || publicKey.isBlank()) throw unauthorized();
        return keys.get(publicKey.toLowerCase(), clock.instant()).orElseThrow(Credentials::unauthorized);
    }

    /** The organization of {@code Authorization: Bearer <token>}. */
    public String organization(Request request) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) throw unauthorized();
        return tokens.get(header.substring(7).trim(), clock.instant()).orElseThrow(Credentials::unauthorized);
    }

    static FieldError unauthorized() {
        return new FieldError("authorization", "Invalid or missing credentials.", 401);
    }

    /** Bounded, time-limited memo of a lookup; misses are cached too, so a bad key cannot hammer the table. */
    private static final class Cache<T> {
        private final Function<String, Optional<T>> lookup;
        private final Map<String, Map.Entry<Instant, Optional<T>>> entries =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Map.Entry<Instant, Optional<T>>> eldest) {
                        return size() > MAX_ENTRIES;
                    }
                };

        Cache(Function<String, Optional<T>> lookup) {
            this.lookup = lookup;
        }

        synchronized Optional<T> get(String key, Instant now) {
            Map.Entry<Instant, Optional<T>> entry = entries.get(key);
            if (entry == null || now.isAfter(entry.getKey())) {
                entry = Map.entry(now.plus(TTL), lookup.apply(key));
                entries.put(key, entry);
            }
            return entry.getValue();
        }
    }
}
