package dev.cronwatch.handlers.http;

import dev.cronwatch.core.port.CredentialLookup;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.TenantNames;
import dev.cronwatch.core.validation.FieldError;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DSN keys and bearer tokens, checked for shape before any lookup and then looked up through a small
 * per-container memo. A refusal says which form the route takes, and never whether a key or token
 * exists elsewhere.
 *
 * <p>Revocation: a key or token this container has seen is trusted for at most {@link #KEY_TTL}, so a
 * revoked one is refused everywhere {@link #KEY_TTL} after the revoking call, and by the container that
 * made the call at once (it forgets it). A key is revoked on the management function, which takes no
 * check-ins: forgetting it at once matters only where one handler serves both (local mode). A token's
 * expiry is compared with the clock on every request.
 */
public final class Credentials {
    static final Duration KEY_TTL = Duration.ofSeconds(10);
    /** Unknown keys and tokens: nothing can start working by itself, so a miss may be kept longer. */
    private static final Duration MISS_TTL = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;
    private static final int MAX_TOKEN_LENGTH = 256;
    private static final Pattern SENTRY_KEY = Pattern.compile("sentry_key\\s*=\\s*([^,\\s]*)");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1," + MAX_TOKEN_LENGTH + "}");

    /**
     * The ways a route can be authenticated, each with the words that tell a client how: one for
     * credentials that are missing, one for credentials sent and refused. A refused key or token reads
     * the same whether it is unknown, malformed, revoked or another project's, so nothing is learned.
     */
    public enum Form {
        DSN("Send the header \"Authorization: DSN <dsn>\" with a DSN of a project of this organization.",
                "The DSN's public key is not accepted: it is unknown or revoked, or not of the project the DSN names."),
        /**
         * Text that is not a DSN (a bare public key, a URL without one): the form is wrong, whatever the
         * key is, so no key is looked up and nothing is said about one.
         */
        NOT_A_DSN(DSN.missing, "The value after \"DSN \" is not a DSN, which reads"
                + " http(s)://<public key>@<host>/<project id>: the project's keys list it as dsn.public."),
        SENTRY_KEY("Send the project's public key as \"X-Sentry-Auth: Sentry sentry_key=<public key>\","
                + " as ?sentry_key=<public key>, or as the envelope header's \"dsn\".",
                "The public key sent is not accepted: it is unknown or revoked, or not of the project in the URL."),
        RELAY_URL("Put a public key of this project in the URL: /api/<project id>/cron/<monitor slug>/<public key>/.",
                "The public key in the URL is not accepted: it is unknown or revoked, or not of the project in the URL."),
        BEARER("Send the header \"Authorization: Bearer <token>\" with a token of this organization.",
                "The token is not accepted: it is unknown."),
        /** A token that exists but no longer works: its holder is told why, and nothing else. */
        REVOKED_TOKEN(BEARER.missing, "This token was revoked."),
        EXPIRED_TOKEN(BEARER.missing, "This token has expired.");

        private final String missing;
        private final String refused;

        Form(String missing, String refused) {
            this.missing = missing;
            this.refused = refused;
        }

        /** Nothing of this form was sent. */
        FieldError notSent() {
            return new FieldError("authorization", missing, FieldError.Kind.UNAUTHENTICATED);
        }

        /** A key or token was sent and is not accepted; the words say how to send one that is. */
        FieldError refused() {
            return new FieldError("authorization", refused + " " + missing, FieldError.Kind.UNAUTHENTICATED);
        }
    }

    private final Clock clock;
    private final Memo<DsnKey> keys;
    private final Memo<ManagementToken> tokens;
    private final Memo<ApiKey> apiKeys;

    public Credentials(CredentialLookup tenants, Clock clock) {
        this.clock = clock;
        this.keys = new Memo<>(tenants::dsnKey, KEY_TTL, MISS_TTL, MAX_ENTRIES);
        this.tokens = new Memo<>(tenants::token, KEY_TTL, MISS_TTL, MAX_ENTRIES);
        this.apiKeys = new Memo<>(tenants::apiKey, KEY_TTL, MISS_TTL, MAX_ENTRIES);
    }

    /** {@code Authorization: DSN http://<key>@host/<projectId>} as the Sentry HTTP API takes it. */
    public DsnKey fromDsnHeader(Request request) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "DSN ", 0, 4)) throw Form.DSN.notSent();
        Dsn dsn = Dsn.parse(header.substring(4).trim()).orElseThrow(Form.NOT_A_DSN::refused);
        DsnKey found = key(dsn.publicKey(), Form.DSN);
        if (!dsn.projectId().isEmpty() && !dsn.projectId().equals(found.projectId())) throw Form.DSN.refused();
        return found;
    }

    /** {@code X-Sentry-Auth: Sentry sentry_key=…}, or {@code ?sentry_key=}, as SDKs send envelopes. */
    public DsnKey fromSentryAuth(Request request, String projectId) {
        String key = request.query().get("sentry_key");
        String header = request.header("x-sentry-auth");
        if (key == null && header != null) {
            Matcher m = SENTRY_KEY.matcher(header);
            if (m.find()) key = m.group(1);
        }
        return forProject(key(key, Form.SENTRY_KEY), projectId, Form.SENTRY_KEY);
    }

    /** Whether the request carries its key itself (else an envelope's header may). */
    public static boolean hasSentryAuth(Request request) {
        return request.query().get("sentry_key") != null || request.header("x-sentry-auth") != null;
    }

    /** The {@code dsn} of an envelope's header, for SDKs that authenticate only there. */
    public DsnKey fromEnvelopeDsn(Object dsn, String projectId) {
        if (dsn == null) throw Form.SENTRY_KEY.notSent();
        if (!(dsn instanceof String text)) throw Form.SENTRY_KEY.refused();
        Dsn parsed = Dsn.parse(text).orElseThrow(Form.SENTRY_KEY::refused);
        return forProject(key(parsed.publicKey(), Form.SENTRY_KEY), projectId, Form.SENTRY_KEY);
    }

    /** The relay URL's key: it must be of the project the URL names. */
    public DsnKey fromRelayUrl(String publicKey, String projectId) {
        return forProject(key(publicKey, Form.RELAY_URL), projectId, Form.RELAY_URL);
    }

    private static DsnKey forProject(DsnKey key, String projectId, Form form) {
        if (!key.projectId().equals(projectId)) throw form.refused();
        return key;
    }

    /** A key of the wrong shape is refused without a lookup, and reads exactly as an unknown one. */
    private DsnKey key(String publicKey, Form form) {
        if (publicKey == null) throw form.notSent();
        String normalized = publicKey.trim().toLowerCase(Locale.ROOT);
        if (!TenantNames.isPublicKey(normalized)) throw form.refused();
        return keys.get(normalized, clock.instant()).orElseThrow(form::refused);
    }

    /** The organization of {@code Authorization: Bearer <token>}. */
    public String organization(Request request) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) throw Form.BEARER.notSent();
        String token = header.substring(7).trim();
        if (!TOKEN.matcher(token).matches()) throw Form.BEARER.refused();
        Instant now = clock.instant();
        ManagementToken found = tokens.get(token, now).orElseThrow(Form.BEARER::refused);
        return switch (found.state(now)) {
            case ACTIVE -> found.organization();
            case REVOKED -> throw Form.REVOKED_TOKEN.refused();
            case EXPIRED -> throw Form.EXPIRED_TOKEN.refused();
        };
    }

    /** A token of {@code organization}, else 404 as for any organization the token does not reach. */
    public void authorize(Request request, String organization) {
        if (!organization(request).equals(organization)) throw notYours("token", organization);
    }

    /**
     * The 404 of a path naming an organization the credentials do not belong to. It says so, and
     * nothing about whether that organization exists: the words are the same either way.
     */
    static FieldError notYours(String credential, String organization) {
        String named = TenantNames.isSlug(organization) ? " \"" + organization + "\"" : " in the URL";
        return new FieldError("organization", "This " + credential + " does not belong to organization" + named
                + ": put the slug of its own organization in the URL.", FieldError.Kind.NOT_FOUND);
    }

    /**
     * The project API key with this secret (Healthchecks' {@code X-Api-Key}); empty for one of another
     * shape, without a lookup. What a refusal says is the Healthchecks API's business.
     */
    public Optional<ApiKey> apiKey(String secret) {
        if (!ApiKey.isSecret(secret)) return Optional.empty();
        return apiKeys.get(secret, clock.instant());
    }

    /** After a revocation: this container stops trusting the API key at once (it knows it by secret, not id). */
    public void forgetApiKey(String id) {
        apiKeys.forgetIf(k -> k.id().equals(id));
    }

    /** After a revocation: this container stops trusting the key at once. */
    public void forget(String publicKey) {
        keys.forget(publicKey.toLowerCase(Locale.ROOT));
    }

    /** After a revocation: this container stops trusting the token at once (it knows it by secret, not id). */
    public void forgetToken(String organization, String id) {
        tokens.forgetIf(t -> t.organization().equals(organization) && t.id().equals(id));
    }

    /** The parts of a DSN that matter here; empty for text that is not one. */
    private record Dsn(String publicKey, String projectId) {
        static Optional<Dsn> parse(String text) {
            try {
                URI uri = new URI(text);
                String userInfo = uri.getRawUserInfo();
                if (userInfo == null) return Optional.empty();
                String path = uri.getRawPath() == null ? "" : uri.getRawPath();
                return Optional.of(new Dsn(userInfo.split(":", 2)[0], path.substring(path.lastIndexOf('/') + 1)));
            } catch (java.net.URISyntaxException e) {
                return Optional.empty();
            }
        }
    }

    /** Bounded, time-limited memo of a lookup; misses are kept too, so a bad key cannot hammer the table. */
}
