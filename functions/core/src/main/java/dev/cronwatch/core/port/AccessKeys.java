package dev.cronwatch.core.port;

import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.ManagementToken;
import java.time.Instant;

/** The management tokens of an organization and the API keys of a project: made, listed, revoked. */
public interface AccessKeys {
    /** A token with this secret, undated and unnamed, unless there is one (tests' and local mode's fixed tokens). */
    default void ensureToken(String organization, String secret) {
        createToken(ManagementToken.of(organization, secret, null, null, null), secret);
    }

    /** Stores a token under its secret's hash; false, and nothing changed, when a token has this secret. */
    boolean createToken(ManagementToken token, String secret);

    /**
     * The organization's tokens, revoked and expired ones included, oldest first (undated ones first).
     * May lag a create by a moment (read from an index).
     */
    Page<ManagementToken> tokens(String organization, String cursor, int limit);

    /**
     * Marks the organization's token with this id revoked at {@code now}; one revoked already keeps its
     * date. False when the organization has no token with this id (as listed: a moment after its create).
     */
    boolean revokeToken(String organization, String id, Instant now);

    /** Stores a key under its secret's hash; false, and nothing changed, when a key has this secret. */
    boolean createApiKey(ApiKey key, String secret);

    /** A project's API keys, oldest first. May lag a create by a moment (read from an index). */
    Page<ApiKey> apiKeys(String organization, String projectId, String cursor, int limit);

    /** Removes the project's key with this id; false when the project has none. */
    boolean revokeApiKey(String organization, String projectId, String id);
}
