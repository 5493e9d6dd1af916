package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.service.ApiKeyService;
import dev.cronwatch.core.tenant.ApiKey;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A project's API keys for the Healthchecks-compatible API (docs/spec.md §14), with a bearer token of
 * the organization: listed without their secret, made (the secret shown once), revoked.
 */
public final class ApiKeysApi {
    private final ApiKeyService apiKeys;
    private final Credentials credentials;

    ApiKeysApi(ApiKeyService apiKeys, Credentials credentials) {
        this.apiKeys = apiKeys;
        this.credentials = credentials;
    }

    /** {@code GET /api/0/projects/{org}/{project}/api-keys/}, oldest first. */
    APIGatewayV2HTTPResponse list(Request request, String organization, String project) {
        credentials.authorize(request, organization);
        return Paging.of(request, "api-keys", organization, project)
                .answer((cursor, perPage) -> apiKeys.list(organization, project, cursor, perPage), ApiKeysApi::view);
    }

    /** {@code POST /api/0/projects/{org}/{project}/api-keys/} with {@code {"name"?, "readOnly"?}}. */
    APIGatewayV2HTTPResponse create(Request request, String organization, String project) {
        credentials.authorize(request, organization);
        Map<String, Object> body = request.json();
        Object readOnly = body.get("readOnly");
        if (readOnly != null && !(readOnly instanceof Boolean)) throw new FieldError("readOnly", "Send true or false.");
        ApiKeyService.Issued issued = apiKeys.create(organization, project, Values.string(body.get("name"), "name"),
                Boolean.TRUE.equals(readOnly));
        Map<String, Object> json = view(issued.key());
        json.put("key", issued.secret());
        return Response.json(201, json);
    }

    /** {@code DELETE /api/0/projects/{org}/{project}/api-keys/{id}/}: refused from then on (see {@link Credentials}). */
    APIGatewayV2HTTPResponse revoke(Request request, String organization, String project, String id) {
        credentials.authorize(request, organization);
        String normalized = id.toLowerCase(Locale.ROOT);
        apiKeys.revoke(organization, project, normalized);
        credentials.forgetApiKey(normalized);
        return Response.empty(204);
    }

    /** Never the secret nor its hash. Also what cronwatch-admin prints. */
    public static Map<String, Object> view(ApiKey k) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", k.id());
        json.put("name", k.name());
        json.put("projectId", k.projectId());
        json.put("readOnly", k.readOnly());
        json.put("keyLastCharacters", k.lastCharacters());
        json.put("dateCreated", Views.time(k.dateCreated()));
        return json;
    }
}
