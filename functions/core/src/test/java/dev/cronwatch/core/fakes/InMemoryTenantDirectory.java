package dev.cronwatch.core.fakes;

import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class InMemoryTenantDirectory implements TenantDirectory {
    private final Set<String> organizations = new HashSet<>();
    private final Map<String, Project> projects = new HashMap<>();
    private final Map<String, DsnKey> keys = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();

    @Override
    public synchronized Optional<DsnKey> dsnKey(String publicKey) {
        return Optional.ofNullable(keys.get(publicKey));
    }

    @Override
    public synchronized Optional<String> organizationForToken(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    @Override
    public synchronized Optional<Project> project(String organization, String idOrSlug) {
        return projects.values().stream()
                .filter(p -> p.organization().equals(organization))
                .filter(p -> p.id().equals(idOrSlug) || p.slug().equals(idOrSlug))
                .findFirst();
    }

    @Override
    public synchronized void ensureOrganization(String organization) {
        organizations.add(organization);
    }

    @Override
    public synchronized void ensureProject(Project project) {
        projects.putIfAbsent(project.organization() + "/" + project.id(), project);
    }

    @Override
    public synchronized void ensureDsnKey(DsnKey key) {
        keys.putIfAbsent(key.publicKey(), key);
    }

    @Override
    public synchronized void ensureToken(String organization, String token) {
        tokens.putIfAbsent(token, organization);
    }
}
