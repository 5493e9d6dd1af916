package dev.cronwatch.core.tenant;

/** A project's client key: the public part of a DSN, which may only send check-ins for its project. */
public record DsnKey(String publicKey, String organization, String projectId) {
    public String dsn(String scheme, String host) {
        return scheme + "://" + publicKey + "@" + host + "/" + projectId;
    }
}
