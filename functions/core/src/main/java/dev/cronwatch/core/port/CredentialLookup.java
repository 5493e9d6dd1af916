package dev.cronwatch.core.port;

import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.PingKey;
import java.util.Optional;

/**
 * The credentials a request carries, looked up on every request by the HTTP layer: DSN keys, management
 * tokens, API keys and ping keys. Each lookup is one read at most; a malformed credential finds nothing
 * without one.
 */
public interface CredentialLookup {
    Optional<DsnKey> dsnKey(String publicKey);

    /**
     * The management token with this secret, whatever its state (revoked and expired ones are kept, so
     * a refusal can say why); compared by hash, the secret is never stored.
     */
    Optional<ManagementToken> token(String secret);

    /** The API key with this secret; compared by hash, the secret is never stored. */
    Optional<ApiKey> apiKey(String secret);

    /** The project a ping key sends for; empty for an unknown key (or one of the wrong shape, without a lookup). */
    Optional<PingKey> pingKey(String key);
}
