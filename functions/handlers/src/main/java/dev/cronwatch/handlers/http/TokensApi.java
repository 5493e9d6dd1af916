package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.service.TokenService;
import dev.cronwatch.core.tenant.ManagementToken;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An organization's management tokens, with a token of the organization: listed without their secret,
 * made (the secret shown once), revoked. Shaped after Sentry's organization auth tokens.
 */
public final class TokensApi {
    private final TokenService tokens;
    private final Credentials credentials;
    private final Clock clock;

    TokensApi(TokenService tokens, Credentials credentials, Clock clock) {
        this.tokens = tokens;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** {@code GET /api/0/organizations/{org}/tokens/}: oldest first, revoked and expired ones included. */
    APIGatewayV2HTTPResponse list(Request request, String organization) {
        credentials.authorize(request, organization);
        Instant now = clock.instant();
        return Paging.of(request, "tokens", organization)
                .answer((cursor, perPage) -> tokens.list(organization, cursor, perPage), t -> view(t, now));
    }

    /** {@code POST /api/0/organizations/{org}/tokens/} with {@code {"name"?, "expires_at"? | "expires_in_days"?}}. */
    APIGatewayV2HTTPResponse create(Request request, String organization) {
        credentials.authorize(request, organization);
        Map<String, Object> body = request.json();
        TokenService.Issued issued = tokens.create(organization, Values.string(body.get("name"), "name"),
                instant(Values.string(body.get("expires_at"), "expires_at")),
                Values.integer(body.get("expires_in_days"), "expires_in_days"));
        Map<String, Object> json = view(issued.token(), clock.instant());
        json.put("token", issued.secret());
        return Response.json(201, json);
    }

    /** {@code DELETE /api/0/organizations/{org}/tokens/{tokenId}/}: refused from then on (see {@link Credentials}). */
    APIGatewayV2HTTPResponse revoke(Request request, String organization, String tokenId) {
        credentials.authorize(request, organization);
        String id = tokenId.toLowerCase(Locale.ROOT);
        tokens.revoke(organization, id);
        credentials.forgetToken(organization, id);
        return Response.empty(204);
    }

    private static Instant instant(String text) {
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new FieldError("expires_at", "Use an ISO-8601 instant such as 2027-01-01T00:00:00Z.");
        }
    }

    /**
     * Never the secret nor its hash: the id, the name, the secret's last four characters, dates and
     * state at {@code now}. Also what cronwatch-admin prints.
     */
    public static Map<String, Object> view(ManagementToken t, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", t.id());
        json.put("name", t.name());
        json.put("tokenLastCharacters", t.lastCharacters());
        json.put("dateCreated", Views.time(t.dateCreated()));
        json.put("expiresAt", Views.time(t.expiresAt()));
        json.put("dateRevoked", Views.time(t.dateRevoked()));
        json.put("status", t.state(now).name().toLowerCase(Locale.ROOT));
        return json;
    }
}
