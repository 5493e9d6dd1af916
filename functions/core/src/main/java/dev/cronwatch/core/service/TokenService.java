package dev.cronwatch.core.service;

import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.AccessKeys;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.Secrets;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * An organization's management tokens: made by the operator (cronwatch-admin, bootstrap, local mode)
 * or by the organization with a token of its own, listed without their secret, and revoked. A token
 * may revoke itself, the last one included: an organization left without one gets a new one from the
 * operator, while refusing would keep a leaked token working until another was made.
 */
public final class TokenService {
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_LIFETIME_DAYS = 3650;

    /** A token just made, with its secret: the only time the secret is shown. */
    public record Issued(ManagementToken token, String secret) {
    }

    private final AccessKeys tenants;
    private final Clock clock;
    private final RandomGenerator random;

    /** {@code random} must be a SecureRandom outside tests: it makes the secret. */
    public TokenService(AccessKeys tenants, Clock clock, RandomGenerator random) {
        this.tenants = tenants;
        this.clock = clock;
        this.random = random;
    }

    /**
     * A new token of an organization that exists. It expires at {@code expiresAt} or after
     * {@code expiresInDays} (one of them at most, within ten years), else never.
     */
    public Issued create(String organization, String name, Instant expiresAt, Long expiresInDays) {
        if (name != null && (Text.length(name) > MAX_NAME_LENGTH || !Text.isPrintable(name))) {
            throw new FieldError("name", "Use at most 64 printable characters.");
        }
        Instant now = clock.instant();
        ManagementToken token;
        String secret;
        do {
            secret = Secrets.newToken(random);
            token = ManagementToken.of(organization, secret, name == null || name.isBlank() ? null : name.strip(), now,
                    expiry(now, expiresAt, expiresInDays));
        } while (!tenants.createToken(token, secret)); // 256 random bits: a clash means a broken generator, or a test's
        return new Issued(token, secret);
    }

    private static Instant expiry(Instant now, Instant expiresAt, Long expiresInDays) {
        Instant latest = now.plus(Duration.ofDays(MAX_LIFETIME_DAYS));
        if (expiresAt != null && expiresInDays != null) {
            throw new FieldError("expires_at", "Send expires_at or expires_in_days, not both.");
        }
        if (expiresInDays != null) {
            if (expiresInDays < 1 || expiresInDays > MAX_LIFETIME_DAYS) {
                throw new FieldError("expires_in_days", "A whole number of days from 1 to " + MAX_LIFETIME_DAYS + ".");
            }
            return now.plus(Duration.ofDays(expiresInDays));
        }
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(latest))) {
            throw new FieldError("expires_at", "An instant after now and at most " + MAX_LIFETIME_DAYS + " days ahead.");
        }
        return expiresAt;
    }

    public Page<ManagementToken> list(String organization, String cursor, int limit) {
        return tenants.tokens(organization, cursor, limit);
    }

    /** Idempotent: a revoked token stays revoked as of its first revocation. */
    public void revoke(String organization, String id) {
        if (!ManagementToken.isId(id)) throw new FieldError("tokenId", "A token id is 16 hex characters.");
        if (!tenants.revokeToken(organization, id, clock.instant())) throw new NotFoundException("token");
    }
}
