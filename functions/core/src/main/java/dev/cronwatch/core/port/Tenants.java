package dev.cronwatch.core.port;

/**
 * The ports of the tenants' items, for the composition root to hand each user the ones it needs: the
 * credentials of every request, organizations and projects, tokens and API keys, badge summaries.
 */
public record Tenants(CredentialLookup credentials, ProjectDirectory projects, AccessKeys accessKeys,
                      BadgeSummaries badges) {
}
