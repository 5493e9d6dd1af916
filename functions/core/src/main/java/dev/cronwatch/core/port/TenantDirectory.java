package dev.cronwatch.core.port;

/**
 * Every port of the tenants' items, for the composition root to hand each user the one it needs: the
 * credentials of every request, organizations and projects, tokens and API keys, badge summaries.
 */
public interface TenantDirectory extends CredentialLookup, ProjectDirectory, AccessKeys, BadgeSummaries {
}
