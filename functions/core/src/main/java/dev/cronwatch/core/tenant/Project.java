package dev.cronwatch.core.tenant;

/** A project of an organization; monitors belong to one, DSN keys send for one. */
public record Project(String organization, String id, String slug) {
}
