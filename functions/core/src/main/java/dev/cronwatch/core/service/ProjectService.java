package dev.cronwatch.core.service;

import dev.cronwatch.core.ingest.Slugs;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.port.ProjectDirectory;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import dev.cronwatch.core.tenant.Secrets;
import dev.cronwatch.core.tenant.TenantNames;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.SlugRule;
import dev.cronwatch.core.validation.Text;
import java.time.Clock;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Projects and their DSN keys, as an organization's token manages them: onboarding without an
 * operator. Every call is scoped to the caller's organization; a project or key of another one is
 * "not found".
 */
public final class ProjectService {
    public static final int MAX_PROJECT_NAME_LENGTH = 200;
    public static final int MAX_KEY_NAME_LENGTH = 64;
    private static final String DEFAULT_KEY_NAME = "Default";

    private final ProjectDirectory tenants;
    private final Clock clock;
    private final RandomGenerator random;

    public ProjectService(ProjectDirectory tenants, Clock clock, RandomGenerator random) {
        this.tenants = tenants;
        this.clock = clock;
        this.random = random;
    }

    /** Sentry's rules: the slug defaults to the slugified name, is not only digits, and is unique. */
    public Project create(String organization, String name, String slug) {
        if (name == null || name.isBlank()) throw new FieldError("name", "This field is required.");
        if (Text.length(name) > MAX_PROJECT_NAME_LENGTH || !Text.isPrintable(name)) {
            throw new FieldError("name", "Use at most 200 printable characters.");
        }
        String chosen = slug != null ? slug : Slugs.slugify(name);
        SlugRule.PROJECT.check(chosen, "slug");
        return tenants.createProject(organization, name.strip(), chosen, clock.instant())
                .orElseThrow(() -> new FieldError("slug", "The slug \"" + chosen + "\" is already in use.",
                        FieldError.Kind.CONFLICT));
    }

    public Page<Project> list(String organization, String cursor, int limit) {
        return tenants.projects(organization, cursor, limit);
    }

    public ProjectKey createKey(String organization, String project, String name) {
        if (name != null && (Text.length(name) > MAX_KEY_NAME_LENGTH || !Text.isPrintable(name))) {
            throw new FieldError("name", "Use at most 64 printable characters.");
        }
        Project owner = find(organization, project);
        ProjectKey key = new ProjectKey(Secrets.newPublicKey(random), organization, owner.id(),
                name == null || name.isBlank() ? DEFAULT_KEY_NAME : name.strip(), clock.instant());
        tenants.createKey(key);
        return key;
    }

    public Page<ProjectKey> keys(String organization, String project, String cursor, int limit) {
        return tenants.keys(organization, find(organization, project).id(), cursor, limit);
    }

    /** After this returns, the key authenticates nothing that reads the directory. */
    public void revokeKey(String organization, String project, String keyId) {
        Project owner = find(organization, project);
        String publicKey = keyId.toLowerCase(Locale.ROOT);
        if (!TenantNames.isPublicKey(publicKey)) throw new FieldError("keyId", "A key id is its 32 hex characters.");
        if (!tenants.revokeKey(organization, owner.id(), publicKey)) throw new NotFoundException("key");
    }

    /** By id or slug; a name of neither shape cannot exist, so it is refused without a lookup. */
    /**
     * The project's Healthchecks ping key (docs/spec.md §14): the one it has, or a new random one it keeps
     * from then on. Made on first asking, so a deployed stack's projects get one without an operator.
     */
    public PingKey pingKey(String organization, String project) {
        return tenants.ensurePingKey(organization, find(organization, project).id(), PingKey.newKey(random));
    }

    public Project find(String organization, String idOrSlug) {
        return tenants.project(organization, reference(idOrSlug, "project"))
                .orElseThrow(() -> new NotFoundException("project"));
    }

    /** A project's id or slug as {@code field} names one; a name of neither shape is refused without a lookup. */
    static String reference(String idOrSlug, String field) {
        if (!TenantNames.isProjectId(idOrSlug) && !SlugRule.PROJECT.accepts(idOrSlug)) {
            throw new FieldError(field, "A project is named by its id (a positive whole number) or its slug ("
                    + SlugRule.PROJECT.rule() + ").");
        }
        return idOrSlug;
    }
}
