package dev.cronwatch.core.alert;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sentry's wording for what opened an incident, from the failures in its window (each counted for the slots it stands for). */
public final class FailureReason {
    private FailureReason() {
    }

    public static String describe(List<CheckIn> window) {
        Map<CheckInStatus, Long> counts = new LinkedHashMap<>();
        for (CheckIn c : window) {
            if (c.status().isFailure()) counts.merge(c.status(), c.slots(), Long::sum);
        }
        if (counts.isEmpty()) return "No failure was detected";
        if (counts.size() == 1 && counts.values().iterator().next() == 1L) {
            CheckInStatus only = counts.keySet().iterator().next();
            return (only == CheckInStatus.ERROR ? "An " : "A ") + only.wireName() + " check-in was detected";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((status, n) -> parts.add(n + " " + status.wireName()));
        String joined = parts.size() == 1
                ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        return joined + " check-ins detected";
    }
}
