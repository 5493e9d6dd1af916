package dev.cronwatch.core.service;

import dev.cronwatch.core.port.AccessKeys;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.Secrets;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Text;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * A project's API keys for the Healthchecks-compatible API: made by the organization (management API),
 * the operator (cronwatch-admin) or local mode, listed without their secret, revoked. A read-write key
 * manages the project's checks; a read-only one lists and reads them.
 *
 * @param random a SecureRandom outside tests: it makes the secret
 */
public record ApiKeyService(AccessKeys keys, ProjectService projects, Clock clock, RandomGenerator random) {
    public static final int MAX_NAME_LENGTH = 64;

    /** A key just made, with its secret: the only time the secret is shown. */
    public record Issued(ApiKey key, String secret) {
    }

    public Issued create(String organization, String project, String name, boolean readOnly) {
        if (name != null && (Text.length(name) > MAX_NAME_LENGTH || !Text.isPrintable(name))) {
            throw new FieldError("name", "Use at most 64 printable characters.");
        }
        Project owner = projects.find(organization, project);
        ApiKey key;
        String secret;
        do {
            secret = Secrets.newApiKey(random, readOnly);
            key = ApiKey.of(organization, owner.id(), secret, name == null || name.isBlank() ? null : name.strip(),
                    clock.instant());
        } while (!keys.createApiKey(key, secret)); // 144 random bits: a clash means a broken generator, or a test's
        return new Issued(key, secret);
    }

    public Page<ApiKey> list(String organization, String project, String cursor, int limit) {
        return keys.apiKeys(organization, projects.find(organization, project).id(), cursor, limit);
    }

    public void revoke(String organization, String project, String id) {
        Project owner = projects.find(organization, project);
        if (!ApiKey.isId(id)) throw new FieldError("keyId", "An API key id is 16 hex characters.");
        if (!keys.revokeApiKey(organization, owner.id(), id)) throw new NotFoundException("API key");
    }
}
