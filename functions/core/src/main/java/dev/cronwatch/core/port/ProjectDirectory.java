package dev.cronwatch.core.port;

import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Organizations, their projects, and what a project sends with: its DSN keys and its Healthchecks ping
 * key. Every name is checked against TenantNames before it becomes a key.
 */
public interface ProjectDirectory {
    /** Creates what is missing and leaves what exists: running a bootstrap twice is harmless. */
    void ensureOrganization(String organization);

    /** False when the organization exists already. */
    boolean createOrganization(String organization, Instant now);

    boolean organizationExists(String organization);

    Optional<Project> project(String organization, String idOrSlug);

    void ensureProject(Project project);

    /**
     * A new project with the next free id of its organization; empty when the slug is taken. The
     * organization must exist.
     */
    Optional<Project> createProject(String organization, String name, String slug, Instant now);

    /** In slug order; {@code cursor} from the previous page or null; {@link InvalidCursorException} for a foreign one. */
    Page<Project> projects(String organization, String cursor, int limit);

    void ensureDsnKey(DsnKey key);

    /** Stores a new DSN key; its public key must be new (it is random: a clash is a bug, and throws). */
    void createKey(ProjectKey key);

    /** Oldest first, as Sentry lists them. May lag a create by a moment (read from an index). */
    Page<ProjectKey> keys(String organization, String projectId, String cursor, int limit);

    /** Removes the key if it is this project's; false when there is no such key of this project. */
    boolean revokeKey(String organization, String projectId, String publicKey);

    /** The project's ping key, if it has one. */
    Optional<PingKey> pingKeyOf(String organization, String projectId);

    /**
     * The project's ping key, giving it {@code candidate} (a new random key) if it has none; a project
     * keeps its first key. The project must exist. Other writers' transactions met on every try end in
     * a {@code ConcurrentChangeException}, as any lost race does.
     */
    PingKey ensurePingKey(String organization, String projectId, String candidate);
}
