package dev.cronwatch.core.port;

import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import java.util.Optional;

/** Organizations, projects and the credentials that reach them. */
public interface TenantDirectory {
    Optional<DsnKey> dsnKey(String publicKey);

    /** The organization a management token belongs to; tokens are compared by hash, never stored in clear. */
    Optional<String> organizationForToken(String token);

    Optional<Project> project(String organization, String idOrSlug);

    /** Creates what is missing and leaves what exists: running a bootstrap twice is harmless. */
    void ensureOrganization(String organization);

    void ensureProject(Project project);

    void ensureDsnKey(DsnKey key);

    void ensureToken(String organization, String token);
}
