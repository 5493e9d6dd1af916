package dev.cronwatch.core.healthchecks;

import java.util.Collection;

/**
 * What a Healthchecks badge shows for a set of checks: {@code down} if any is down, else {@code late}
 * if any is in its grace time and the badge has three states, else {@code up} (new, paused and
 * started checks count as up). With the counts its JSON form carries.
 */
public record BadgeStatus(String status, int total, int grace, int down) {
    /** A check's state as a badge needs it. */
    public enum CheckState {
        UP, GRACE, DOWN
    }

    public static BadgeStatus of(Collection<CheckState> states, boolean threeStates) {
        int grace = 0;
        int down = 0;
        for (CheckState state : states) {
            if (state == CheckState.DOWN) down++;
            if (state == CheckState.GRACE) grace++;
        }
        String status = down > 0 ? "down" : grace > 0 && threeStates ? "late" : "up";
        return new BadgeStatus(status, states.size(), grace, down);
    }

    /** Shields.io's colour names for the endpoint badge. */
    public String shieldsColor() {
        return switch (status) {
            case "down" -> "critical";
            case "late" -> "important";
            default -> "success";
        };
    }

    /** The SVG badge's colour for the status, as Healthchecks draws it. */
    public String svgColor() {
        return switch (status) {
            case "down" -> "#e05d44";
            case "late" -> "#fe7d37";
            default -> "#4c1";
        };
    }
}
