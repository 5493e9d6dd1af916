package dev.cronwatch.core.monitor;

/**
 * One Healthchecks ping as it was received: what it said and who sent it, as Healthchecks records it
 * for its ping log. {@code rid} is the run id the client sent (a canonical UUID) or null;
 * {@code exitStatus} the number of an {@code /<exit-status>} URL or null; {@code userAgent} at most
 * 200 characters, as Healthchecks keeps it. The body travels beside it and is stored as an attachment.
 * Once applied, {@code n} is its number among the check's pings (Healthchecks' {@code n}; 0 until then)
 * and {@code hasBody} whether it came with a body.
 */
public record Ping(PingKind kind, Integer exitStatus, String method, String userAgent, String remoteAddr,
                   String scheme, String rid, long n, boolean hasBody) {
    public static final int MAX_USER_AGENT = 200;

    public Ping {
        if (kind == null) throw new IllegalArgumentException("a ping has a kind");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) userAgent = userAgent.substring(0, MAX_USER_AGENT);
    }

    /** A ping as received, not yet numbered. */
    public Ping(PingKind kind, Integer exitStatus, String method, String userAgent, String remoteAddr, String scheme,
                String rid) {
        this(kind, exitStatus, method, userAgent, remoteAddr, scheme, rid, 0, false);
    }

    /**
     * A Sentry check-in to a check, as its ping log counts it: number {@code n}, and no request details
     * (the check-in's route keeps none).
     */
    public static Ping ofCheckIn(PingKind kind, long n) {
        return new Ping(kind, null, null, null, null, null, null, n, false);
    }

    /** The same ping set aside by the check's settings. */
    public Ping ignored() {
        return as(PingKind.IGNORED);
    }

    /** The same ping taken as another kind, as the check's settings read it. */
    public Ping as(PingKind newKind) {
        return newKind == kind ? this : new Ping(newKind, exitStatus, method, userAgent, remoteAddr, scheme, rid, n, hasBody);
    }

    /** The same ping as the check records it: its number, and whether a body came with it. */
    public Ping numbered(long number, boolean withBody) {
        return new Ping(kind, exitStatus, method, userAgent, remoteAddr, scheme, rid, number, withBody);
    }
}
