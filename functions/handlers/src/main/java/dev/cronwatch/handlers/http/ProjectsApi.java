package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.service.ProjectService;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.core.tenant.ProjectKey;
import dev.cronwatch.core.validation.Values;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Projects and DSN keys with a bearer token of the organization, in Sentry's routes and shapes: an
 * organization onboards its own projects and keys without an operator.
 */
record ProjectsApi(ProjectService projects, Credentials credentials) {

    /** {@code GET /api/0/organizations/{org}/projects/}, in slug order. */
    APIGatewayV2HTTPResponse list(Request request, String organization) {
        credentials.authorize(request, organization);
        return Paging.of(request, "projects", organization)
                .answer((cursor, perPage) -> projects.list(organization, cursor, perPage), ProjectsApi::project);
    }

    /** {@code POST /api/0/organizations/{org}/projects/} with {@code {"name", "slug"?}}. */
    APIGatewayV2HTTPResponse create(Request request, String organization) {
        credentials.authorize(request, organization);
        Map<String, Object> body = request.json();
        Project created = projects.create(organization, Values.string(body.get("name"), "name"),
                Values.string(body.get("slug"), "slug"));
        return Response.json(201, project(created));
    }

    /** {@code GET /api/0/projects/{org}/{project}/keys/}, oldest first. */
    APIGatewayV2HTTPResponse keys(Request request, String organization, String project) {
        credentials.authorize(request, organization);
        return Paging.of(request, "keys", organization, project).answer(
                (cursor, perPage) -> projects.keys(organization, project, cursor, perPage),
                k -> key(k, request));
    }

    /** {@code POST /api/0/projects/{org}/{project}/keys/} with {@code {"name"?}}. */
    APIGatewayV2HTTPResponse createKey(Request request, String organization, String project) {
        credentials.authorize(request, organization);
        ProjectKey key = projects.createKey(organization, project, Values.string(request.json().get("name"), "name"));
        return Response.json(201, key(key, request));
    }

    /** {@code DELETE /api/0/projects/{org}/{project}/keys/{keyId}/}: refused from then on (see {@link Credentials}). */
    APIGatewayV2HTTPResponse revokeKey(Request request, String organization, String project, String keyId) {
        credentials.authorize(request, organization);
        projects.revokeKey(organization, project, keyId);
        credentials.forget(keyId);
        return Response.empty(204);
    }

    /**
     * {@code GET /api/0/projects/{org}/{project}/ping-key/}: {@code {"pingKey"}}, the project's Healthchecks
     * ping key (made on first asking), a secret like a DSN key, so only to the organization's token.
     */
    APIGatewayV2HTTPResponse pingKey(Request request, String organization, String project) {
        credentials.authorize(request, organization);
        return Response.json(200, Map.of("pingKey", projects.pingKey(organization, project).key()));
    }

    private static Map<String, Object> project(Project p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("slug", p.slug());
        json.put("name", p.name());
        json.put("dateCreated", Views.time(p.dateCreated()));
        return json;
    }

    /** Sentry's key shape: its id is the public key; the DSN names the host this request came to. */
    private static Map<String, Object> key(ProjectKey k, Request request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", k.publicKey());
        json.put("name", k.name());
        json.put("public", k.publicKey());
        json.put("projectId", k.projectId());
        json.put("dsn", Map.of("public", k.dsnKey().dsn(SiteRoot.scheme(request), SiteRoot.host(request))));
        json.put("dateCreated", Views.time(k.dateCreated()));
        return json;
    }
}
