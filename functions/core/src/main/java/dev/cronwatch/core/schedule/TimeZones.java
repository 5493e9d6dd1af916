package dev.cronwatch.core.schedule;

import dev.cronwatch.core.validation.Nearest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time zone names a monitor may have: every name of the IANA time zone database, links included
 * ({@code GMT}, {@code CET}, {@code EST5EDT}, {@code Zulu}, {@code Etc/GMT+5}), as the JDK's tzdata
 * lists them in {@link ZoneId#getAvailableZoneIds()}, which is what Sentry accepts too. Offsets
 * ({@code UTC+2}, {@code +02:00}) are not names; an unknown name is answered with the nearest ones.
 */
public final class TimeZones {
    /**
     * IANA names the JDK leaves out of its list, because {@link ZoneId#SHORT_IDS} gives them another
     * meaning; since tzdata 2024b they are links to these zones.
     */
    private static final Map<String, String> LEFT_OUT_BY_THE_JDK = Map.of(
            "EST", "America/Panama", "MST", "America/Phoenix", "HST", "Pacific/Honolulu");
    private static final Set<String> NAMES = names();
    /** Places people know, from which the examples for an offset are taken (in this order). */
    private static final List<String> WELL_KNOWN = List.of(
            "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Helsinki", "Europe/Athens", "Europe/Istanbul",
            "Europe/Moscow", "Atlantic/Azores", "Atlantic/Reykjavik", "Africa/Lagos", "Africa/Cairo",
            "Africa/Johannesburg", "Africa/Nairobi", "Asia/Tehran", "Asia/Dubai", "Asia/Kabul", "Asia/Karachi",
            "Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Shanghai", "Asia/Singapore",
            "Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Adelaide", "Australia/Brisbane",
            "Australia/Sydney", "Pacific/Auckland", "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles",
            "America/Denver", "America/Phoenix", "America/Chicago", "America/Mexico_City", "America/New_York",
            "America/Bogota", "America/Halifax", "America/Santiago", "America/Sao_Paulo",
            "America/Argentina/Buenos_Aires", "America/St_Johns");
    /** {@code UTC+2}, {@code GMT-03:30}, {@code +0200}, {@code UTC +5}: an offset where a name belongs. */
    private static final Pattern OFFSET =
            Pattern.compile("(?i)(?:UTC|GMT|UT|Z)?\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?");
    private static final int MAX_SUGGESTIONS = 3;
    /** Longer input is no misspelling of a zone name: it gets the general advice only. */
    private static final int MAX_COMPARED_LENGTH = 64;

    private TimeZones() {
    }

    public static boolean isValid(String name) {
        return name != null && NAMES.contains(name);
    }

    /** The zone of a valid name; UTC for none. */
    public static ZoneId zone(String name) {
        if (name == null) return ZoneOffset.UTC;
        return ZoneId.of(LEFT_OUT_BY_THE_JDK.getOrDefault(name, name));
    }

    /**
     * Why {@code name} is not a time zone and what to send instead: for an offset the {@code Etc/GMT}
     * name of it (whose sign POSIX inverts) and places whose clocks show it; for a misspelling the
     * names nearest to it.
     */
    public static String whatToSendInstead(String name) {
        boolean cut = name.codePointCount(0, name.length()) > MAX_COMPARED_LENGTH;
        String quoted = "\"" + (cut ? name.substring(0, name.offsetByCodePoints(0, MAX_COMPARED_LENGTH)) + "…" : name)
                + "\"";
        Matcher offset = OFFSET.matcher(name.trim());
        if (offset.matches()) return quoted + " is an offset, not a time zone name. " + forOffset(offset);
        List<String> nearest = nearest(name);
        if (nearest.isEmpty()) {
            return quoted + " is not a time zone name. Use a name of the IANA time zone database, such as"
                    + " Europe/Berlin, America/New_York or UTC.";
        }
        return quoted + " is not a time zone name. Did you mean " + orList(nearest) + "?";
    }

    private static String forOffset(Matcher offset) {
        int sign = offset.group(1).equals("-") ? -1 : 1;
        int hours = Integer.parseInt(offset.group(2));
        int minutes = offset.group(3) == null ? 0 : Integer.parseInt(offset.group(3));
        if (hours > 18 || minutes > 59) return "Use a name of the IANA time zone database, such as Europe/Berlin.";
        ZoneOffset wanted = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        List<String> places = WELL_KNOWN.stream().filter(zone -> offsetsOf(zone).contains(wanted))
                .limit(MAX_SUGGESTIONS).toList();
        String fixed = fixedOffsetName(sign * hours, minutes);
        StringBuilder advice = new StringBuilder();
        if (fixed != null) {
            advice.append("For UTC").append(wanted.getTotalSeconds() == 0 ? "" : wanted.getId())
                    .append(" all year use ").append(fixed).append(" (these names invert the sign)");
        }
        if (!places.isEmpty()) {
            advice.append(advice.length() == 0 ? "Use the zone of a place whose clocks show it"
                            : "; to follow a place's clock, daylight saving included, use its zone")
                    .append(", such as ").append(orList(places));
        }
        if (advice.length() == 0) return "Use a name of the IANA time zone database, such as Europe/Berlin.";
        return advice.append('.').toString();
    }

    /** {@code Etc/GMT-2} is UTC+2: POSIX counts the hours west of Greenwich. Whole hours only. */
    private static String fixedOffsetName(int hours, int minutes) {
        if (minutes != 0 || hours < -12 || hours > 14) return null;
        return hours == 0 ? "Etc/UTC" : "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
    }

    /** The offsets a zone's clocks show under its current rules: standard time and daylight saving time. */
    private static Set<ZoneOffset> offsetsOf(String zone) {
        ZoneRules rules = ZoneId.of(zone).getRules();
        Set<ZoneOffset> offsets = new HashSet<>();
        for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
            offsets.add(rule.getOffsetBefore());
            offsets.add(rule.getOffsetAfter());
        }
        if (offsets.isEmpty()) {
            var transitions = rules.getTransitions();
            offsets.add(transitions.isEmpty() ? rules.getOffset(Instant.EPOCH)
                    : transitions.get(transitions.size() - 1).getOffsetAfter());
        }
        return offsets;
    }

    /**
     * Up to three names at the smallest edit distance, ignoring case, from the input or from the
     * place part of a name ({@code Berlin} is one edit from nothing but {@code Europe/Berlin}); none
     * further than a third of the input's length (at least 2).
     */
    private static List<String> nearest(String input) {
        if (input.isBlank() || input.length() > MAX_COMPARED_LENGTH) return List.of();
        String typed = input.trim().replace(' ', '_').toLowerCase(Locale.ROOT);
        int limit = Math.max(2, typed.length() / 3);
        List<Candidate> candidates = new ArrayList<>();
        for (String name : NAMES) {
            String lower = name.toLowerCase(Locale.ROOT);
            String place = lower.substring(lower.lastIndexOf('/') + 1);
            int distance = Math.min(Nearest.editDistance(typed, lower), Nearest.editDistance(typed, place));
            if (distance <= limit) candidates.add(new Candidate(name, distance));
        }
        candidates.sort(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name));
        if (candidates.isEmpty()) return List.of();
        int best = candidates.get(0).distance();
        return candidates.stream().filter(c -> c.distance() == best).limit(MAX_SUGGESTIONS).map(Candidate::name).toList();
    }

    private record Candidate(String name, int distance) {
    }

    private static String orList(List<String> names) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>(ZoneId.getAvailableZoneIds());
        names.addAll(LEFT_OUT_BY_THE_JDK.keySet());
        return Set.copyOf(names);
    }
}
