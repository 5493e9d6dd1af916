package dev.cronwatch.local;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.service.ApiKeyService;
import dev.cronwatch.core.service.ProjectService;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.PingKey;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import dev.cronwatch.core.tenant.Secrets;
import dev.cronwatch.core.tenant.TenantNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant local mode runs as: organization {@code local}, project 1 {@code default}, one DSN key,
 * one token, the project's Healthchecks ping key and a read-write API key of its Healthchecks API,
 * created on first start and kept in {@code local.json} so they stay the same across restarts.
 */
public record LocalCredentials(String baseUrl, String organization, String projectId, String projectSlug, String dsn,
                               String publicKey, String token, String pingKey, String apiKey) {
    static final String ORGANIZATION = "local";
    static final String PROJECT_ID = "1";
    /** Project 1's slug in every organization local mode makes, as bootstrap.sh names it on a stack. */
    static final String PROJECT_SLUG = "default";
    static final String FILE = "local.json";
    private static final SecureRandom RANDOM = new SecureRandom();

    static LocalCredentials ensure(Tenants tenants, Path dataDir, String host, int port, Instant now) {
        Path file = dataDir.resolve(FILE);
        Map<String, Object> previous = read(file);
        String publicKey = previous.get("publicKey") instanceof String s && TenantNames.isPublicKey(s)
                ? s : Secrets.newPublicKey(RANDOM);
        String token = previous.get("token") instanceof String s ? s : Secrets.newToken(RANDOM);
        // A key revoked through the API stays revoked across restarts: only a new database gets it back.
        boolean revoked = tenants.projects().organizationExists(ORGANIZATION)
                && tenants.credentials().dsnKey(publicKey).filter(k -> k.organization().equals(ORGANIZATION)).isEmpty();
        if (revoked) publicKey = Secrets.newPublicKey(RANDOM);
        // So does a token revoked through the API, or one that expired.
        if (tenants.credentials().token(token).filter(t -> !t.organization().equals(ORGANIZATION)
                || t.state(now) != ManagementToken.State.ACTIVE).isPresent()) {
            token = Secrets.newToken(RANDOM);
        }
        String apiKey = previous.get("apiKey") instanceof String s && tenants.credentials().apiKey(s)
                .filter(k -> k.organization().equals(ORGANIZATION) && k.projectId().equals(PROJECT_ID)).isPresent()
                ? s : null; // a key revoked through the API stays revoked: a new one replaces it
        // dated as an operator's organization is; a restart finds them and keeps the first start's dates
        tenants.projects().createOrganization(ORGANIZATION, now);
        tenants.projects().ensureProject(new Project(ORGANIZATION, PROJECT_ID, PROJECT_SLUG, PROJECT_SLUG, now));
        DsnKey key = new DsnKey(publicKey, ORGANIZATION, PROJECT_ID);
        if (tenants.credentials().dsnKey(publicKey).isEmpty()) {
            tenants.projects().createKey(new ProjectKey(publicKey, ORGANIZATION, PROJECT_ID, "Default", now));
        } else {
            tenants.projects().ensureDsnKey(key); // a key stored before keys were listed gains its listing entry
        }
        tenants.accessKeys().createToken(ManagementToken.of(ORGANIZATION, token, FILE, now, null), token);
        PingKey pingKey = tenants.projects().ensurePingKey(ORGANIZATION, PROJECT_ID, PingKey.newKey(RANDOM));
        if (apiKey == null) apiKey = newApiKey(tenants, ORGANIZATION, PROJECT_ID, now);
        String hostPort = host + ":" + port;
        LocalCredentials credentials = new LocalCredentials("http://" + hostPort, ORGANIZATION, PROJECT_ID,
                PROJECT_SLUG, key.dsn("http", hostPort), publicKey, token, pingKey.key(), apiKey);
        credentials.write(file);
        return credentials;
    }

    /**
     * Another organization on this local system, as an operator would make one: its project 1
     * {@link #PROJECT_SLUG}, a DSN key and a token. Empty when the organization exists.
     */
    static Optional<LocalCredentials> createOrganization(Tenants tenants, String organization, Instant now,
                                                         String host, int port) {
        if (!tenants.projects().createOrganization(organization, now)) return Optional.empty();
        Project project = tenants.projects().createProject(organization, "Default", PROJECT_SLUG, now)
                .orElseThrow(() -> new IllegalStateException("a new organization already has a project"));
        ProjectKey key = new ProjectKey(Secrets.newPublicKey(RANDOM), organization, project.id(), "Default", now);
        tenants.projects().createKey(key);
        String token = Secrets.newToken(RANDOM);
        tenants.accessKeys().createToken(ManagementToken.of(organization, token, null, now, null), token);
        PingKey pingKey = tenants.projects().ensurePingKey(organization, project.id(), PingKey.newKey(RANDOM));
        String apiKey = newApiKey(tenants, organization, project.id(), now);
        String hostPort = host + ":" + port;
        return Optional.of(new LocalCredentials("http://" + hostPort, organization, project.id(), project.slug(),
                key.dsnKey().dsn("http", hostPort), key.publicKey(), token, pingKey.key(), apiKey));
    }

    /** A read-write key of the Healthchecks API ({@code X-Api-Key}) for the project. */
    private static String newApiKey(Tenants tenants, String organization, String projectId, Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new ApiKeyService(tenants.accessKeys(), new ProjectService(tenants.projects(), clock, RANDOM), clock, RANDOM)
                .create(organization, projectId, FILE, false).secret();
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseUrl", baseUrl);
        json.put("organization", organization);
        json.put("projectId", projectId);
        json.put("projectSlug", projectSlug);
        json.put("dsn", dsn);
        json.put("publicKey", publicKey);
        json.put("token", token);
        json.put("pingKey", pingKey);
        json.put("apiKey", apiKey);
        return json;
    }

    /** A Healthchecks ping URL of the default project, by slug: {@code ?create=1} makes its check. */
    String pingUrl(String slug) {
        return baseUrl + "/ping/" + pingKey + "/" + slug;
    }

    /** Readable by its owner only (it holds the token), replaced atomically so no reader sees half of it. */
    private void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(temporary);
            OwnerOnly.file(temporary);
            Files.writeString(temporary, Json.write(toJson()) + "\n");
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> read(Path file) {
        if (!Files.exists(file)) return Map.of();
        try {
            return Json.parseObject(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Map.of(); // unreadable: start over with new credentials
        }
    }
}
