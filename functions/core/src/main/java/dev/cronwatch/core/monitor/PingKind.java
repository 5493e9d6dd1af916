package dev.cronwatch.core.monitor;

import java.util.Locale;

/**
 * What a Healthchecks ping says (docs/spec.md §14.1). Success, start and fail map onto a check-in's
 * ok, in_progress and error; a log ping is recorded and changes nothing; an ignored ping is one the
 * check's settings set aside (a non-POST ping to a POST-only check, any ping to a paused check with
 * manual resume), also recorded only. The wire names are Healthchecks' ({@code ign} included).
 */
public enum PingKind {
    SUCCESS("success"), START("start"), FAIL("fail"), LOG("log"), IGNORED("ign");

    private final String wireName;

    PingKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static PingKind fromWire(String name) {
        for (PingKind kind : values()) {
            if (kind.wireName.equals(name)) return kind;
        }
        throw new IllegalArgumentException("unknown ping kind: " + name.toLowerCase(Locale.ROOT));
    }

    /** The kind of ping a check-in of this status stands for (ok, in_progress, error; anything else is a fail). */
    public static PingKind of(CheckInStatus status) {
        return switch (status) {
            case OK -> SUCCESS;
            case IN_PROGRESS -> START;
            default -> FAIL;
        };
    }

    /** The check-in status it applies as; null for a ping that changes no state. */
    public CheckInStatus checkInStatus() {
        return switch (this) {
            case SUCCESS -> CheckInStatus.OK;
            case START -> CheckInStatus.IN_PROGRESS;
            case FAIL -> CheckInStatus.ERROR;
            case LOG, IGNORED -> null;
        };
    }
}
