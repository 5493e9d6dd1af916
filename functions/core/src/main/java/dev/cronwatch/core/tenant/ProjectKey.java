package dev.cronwatch.core.tenant;

import java.time.Instant;

/** A DSN key as the management API lists it: the credential, with the label and date it was made. */
public record ProjectKey(String publicKey, String organization, String projectId, String name, Instant dateCreated) {
    public DsnKey dsnKey() {
        return new DsnKey(publicKey, organization, projectId);
    }
}
