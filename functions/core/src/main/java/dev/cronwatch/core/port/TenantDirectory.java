package dev.cronwatch.core.port;

import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import java.time.Instant;
import java.util.Optional;

/** Organizations, projects and the credentials that reach them. */
public interface TenantDirectory extends BadgeSummaries {
    Optional<DsnKey> dsnKey(String publicKey);

    /**
     * The management token with this secret, whatever its state (revoked and expired ones are kept, so
     * a refusal can say why); compared by hash, the secret is never stored.
     */
    Optional<ManagementToken> token(String secret);

    Optional<Project> project(String organization, String idOrSlug);

    /** Creates what is missing and leaves what exists: running a bootstrap twice is harmless. */
    void ensureOrganization(String organization);

    void ensureProject(Project project);

    void ensureDsnKey(DsnKey key);

    /** A token with this secret, undated and unnamed, unless there is one (tests' and local mode's fixed tokens). */
    default void ensureToken(String organization, String secret) {
        createToken(ManagementToken.of(organization, secret, null, null, null), secret);
    }

    // ---- onboarding: every name is checked against TenantNames before it becomes a key ----

    /** False when the organization exists already. */
    boolean createOrganization(String organization, Instant now);

    boolean organizationExists(String organization);

    /**
     * A new project with the next free id of its organization; empty when the slug is taken. The
     * organization must exist.
     */
    Optional<Project> createProject(String organization, String name, String slug, Instant now);

    /** In slug order; {@code cursor} from the previous page or null; {@link InvalidCursorException} for a foreign one. */
    Page<Project> projects(String organization, String cursor, int limit);

    /** Stores a new DSN key; its public key must be new (it is random: a clash is a bug, and throws). */
    void createKey(ProjectKey key);

    /** Oldest first, as Sentry lists them. May lag a create by a moment (read from an index). */
    Page<ProjectKey> keys(String organization, String projectId, String cursor, int limit);

    /** Removes the key if it is this project's; false when there is no such key of this project. */
    boolean revokeKey(String organization, String projectId, String publicKey);

    // ---- Healthchecks ping keys: one per project ----

    /** The project a ping key sends for; empty for an unknown key (or one of the wrong shape, without a lookup). */
    Optional<PingKey> pingKey(String key);

    /** The project's ping key, if it has one. */
    Optional<PingKey> pingKeyOf(String organization, String projectId);

    /**
     * The project's ping key, giving it {@code candidate} (a new random key) if it has none; a project
     * keeps its first key. The project must exist.
     */
    PingKey ensurePingKey(String organization, String projectId, String candidate);

    // ---- management tokens ----

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

    // ---- API keys of the Healthchecks-compatible API ----

    /** The API key with this secret; compared by hash, the secret is never stored. */
    Optional<ApiKey> apiKey(String secret);

    /** Stores a key under its secret's hash; false, and nothing changed, when a key has this secret. */
    boolean createApiKey(ApiKey key, String secret);

    /** A project's API keys, oldest first. May lag a create by a moment (read from an index). */
    Page<ApiKey> apiKeys(String organization, String projectId, String cursor, int limit);

    /** Removes the project's key with this id; false when the project has none. */
    boolean revokeApiKey(String organization, String projectId, String id);
}
