package dev.cronwatch.local;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.port.TenantDirectory;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.tenant.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tenant local mode runs as: organization {@code local}, project 1, one DSN key and one token,
 * created on first start and kept in {@code local.json} so they stay the same across restarts.
 */
public record LocalCredentials(String baseUrl, String organization, String projectId, String dsn, String publicKey,
                        String token) {
    static final String ORGANIZATION = "local";
    static final String PROJECT_ID = "1";
    static final String FILE = "local.json";

    static LocalCredentials ensure(TenantDirectory tenants, Path dataDir, String host, int port) {
        Path file = dataDir.resolve(FILE);
        Map<String, Object> previous = read(file);
        String publicKey = previous.get("publicKey") instanceof String s ? s : randomHex(16);
        String token = previous.get("token") instanceof String s ? s : randomHex(32);
        tenants.ensureOrganization(ORGANIZATION);
        tenants.ensureProject(new Project(ORGANIZATION, PROJECT_ID, "local"));
        DsnKey key = new DsnKey(publicKey, ORGANIZATION, PROJECT_ID);
        tenants.ensureDsnKey(key);
        tenants.ensureToken(ORGANIZATION, token);
        String hostPort = host + ":" + port;
        LocalCredentials credentials = new LocalCredentials("http://" + hostPort, ORGANIZATION, PROJECT_ID,
                key.dsn("http", hostPort), publicKey, token);
        credentials.write(file);
        return credentials;
    }

    private void write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseUrl", baseUrl);
        json.put("organization", organization);
        json.put("projectId", projectId);
        json.put("dsn", dsn);
        json.put("publicKey", publicKey);
        json.put("token", token);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(json) + "\n");
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

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
