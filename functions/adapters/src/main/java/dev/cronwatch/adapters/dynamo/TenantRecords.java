package dev.cronwatch.adapters.dynamo;

import static dev.cronwatch.adapters.dynamo.Keys.s;

import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import dev.cronwatch.core.tenant.TenantNames;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Tenant items and the records they hold, both ways: the attribute names and their reading and writing. */
final class TenantRecords {
    static final String ORGANIZATION = "organization";
    static final String PROJECT_ID = "projectId";
    static final String SLUG = "slug";
    static final String NAME = "name";
    static final String DATE_CREATED = "dateCreated";
    static final String TOKEN_ID = "tokenId";
    static final String LAST_CHARACTERS = "lastCharacters";
    /** Not the table's TTL attribute ({@code expiresAt}): an expired token is kept, to be refused as expired. */
    static final String TOKEN_EXPIRES_AT = "tokenExpiresAt";
    static final String DATE_REVOKED = "dateRevoked";
    static final String KEY_ID = "keyId";
    static final String READ_ONLY = "readOnly";
    static final String PING_KEY = "pingKey";

    private TenantRecords() {
    }

    static ApiKey apiKey(Map<String, AttributeValue> item) {
        return new ApiKey(item.get(KEY_ID).s(), item.get(ORGANIZATION).s(), item.get(PROJECT_ID).s(),
                item.get(READ_ONLY).bool(), item.containsKey(NAME) ? item.get(NAME).s() : null,
                item.get(LAST_CHARACTERS).s(), instant(item));
    }

    static Map<String, AttributeValue> projectAttributes(Project project) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(ORGANIZATION, s(project.organization()),
                PROJECT_ID, s(project.id()), SLUG, s(project.slug()), NAME, s(project.name())));
        if (project.dateCreated() != null) item.put(DATE_CREATED, s(project.dateCreated().toString()));
        return item;
    }

    static Project project(Map<String, AttributeValue> item) {
        String slug = item.get(SLUG).s();
        return new Project(item.get(ORGANIZATION).s(), item.get(PROJECT_ID).s(), slug,
                item.containsKey(NAME) ? item.get(NAME).s() : slug, instant(item));
    }

    /** Listed under its project, oldest first (keys made by an operator, without a date, come first). */
    static Map<String, AttributeValue> keyAttributes(ProjectKey key) {
        TenantNames.requirePublicKey(key.publicKey());
        TenantNames.requireSlug(key.organization(), "organization");
        TenantNames.requireProjectId(key.projectId());
        Map<String, AttributeValue> item = new HashMap<>(Map.of(ORGANIZATION, s(key.organization()),
                PROJECT_ID, s(key.projectId()), NAME, s(key.name()),
                TableDefinition.GPK, s(Keys.dsnKeysOf(key.organization(), key.projectId())),
                TableDefinition.GSK, s(Keys.listedGsk(key.dateCreated(), key.publicKey()))));
        if (key.dateCreated() != null) item.put(DATE_CREATED, s(key.dateCreated().toString()));
        return item;
    }

    static ProjectKey projectKey(Map<String, AttributeValue> item, String publicKey) {
        return new ProjectKey(publicKey, item.get(ORGANIZATION).s(), item.get(PROJECT_ID).s(),
                item.containsKey(NAME) ? item.get(NAME).s() : "Default", instant(item));
    }

    /** Listed under its organization, oldest first (tokens made before they were dated come first). */
    static Map<String, AttributeValue> tokenAttributes(ManagementToken token) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                ORGANIZATION, s(TenantNames.requireSlug(token.organization(), "organization")),
                TOKEN_ID, s(token.id()), LAST_CHARACTERS, s(token.lastCharacters()),
                TableDefinition.GPK, s(Keys.tokensOf(token.organization())),
                TableDefinition.GSK, s(Keys.listedGsk(token.dateCreated(), token.id()))));
        if (token.name() != null) item.put(NAME, s(token.name()));
        if (token.dateCreated() != null) item.put(DATE_CREATED, s(token.dateCreated().toString()));
        if (token.expiresAt() != null) item.put(TOKEN_EXPIRES_AT, s(token.expiresAt().toString()));
        if (token.dateRevoked() != null) item.put(DATE_REVOKED, s(token.dateRevoked().toString()));
        return item;
    }

    static ManagementToken token(Map<String, AttributeValue> item) {
        return new ManagementToken(item.get(TOKEN_ID).s(), item.get(ORGANIZATION).s(),
                item.containsKey(NAME) ? item.get(NAME).s() : null, item.get(LAST_CHARACTERS).s(), instant(item),
                instant(item, TOKEN_EXPIRES_AT), instant(item, DATE_REVOKED));
    }

    static Instant instant(Map<String, AttributeValue> item) {
        return instant(item, DATE_CREATED);
    }

    static Instant instant(Map<String, AttributeValue> item, String attribute) {
        return item.containsKey(attribute) ? Instant.parse(item.get(attribute).s()) : null;
    }
}
