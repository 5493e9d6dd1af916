package dev.cronwatch.core.tenant;

import java.time.Instant;

/** A project of an organization; monitors belong to one, DSN keys send for one. */
public record Project(String organization, String id, String slug, String name, Instant dateCreated) {
    /** A project made by an operator's bootstrap: named after its slug, creation time not kept. */
    public Project(String organization, String id, String slug) {
        this(organization, id, slug, slug, null);
    }
}
