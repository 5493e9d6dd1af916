package dev.cronwatch.core.healthchecks;

import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.CheckInStatus;
import dev.cronwatch.core.monitor.LoggedPing;
import dev.cronwatch.core.monitor.Ping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A check's ping log (docs/spec.md §14.4), newest first, from what its pings left: a run's check-in is its
 * start ping and the success or fail that ended it, a single success or fail one line, and each log or
 * ignored ping its own record. A missed slot is the clock's, not a ping, and is not listed.
 *
 * <p>A line's {@code n} is the number its ping was given when applied (a Sentry check-in to the check
 * counts as a ping), so no two lines share one. A start no ping made (a run reported in one check-in
 * with its duration) has no number and is not listed: its end carries the duration.
 */
public final class PingLog {
    private PingLog() {
    }

    /** The newest {@code limit} lines of these check-ins and logged pings, newest first. */
    public static List<PingLogEntry> of(List<CheckIn> checkIns, List<LoggedPing> logged, int limit) {
        List<Line> lines = new ArrayList<>();
        for (CheckIn checkIn : checkIns) addRun(lines, checkIn);
        for (LoggedPing p : logged) {
            lines.add(new Line(p.ping().kind().wireName(), p.receivedAt(), p.ping(), null, p.ping().hasBody() ? p.id() : null));
        }
        lines.sort(Comparator.comparing(Line::date).thenComparingLong(Line::storedN).thenComparing(Line::isEnd));
        List<PingLogEntry> entries = new ArrayList<>();
        for (Line line : lines) {
            if (line.storedN() == 0) continue;
            entries.add(new PingLogEntry(line.type(), line.date(), line.storedN(), line.ping(), line.durationMs(), line.bodyId()));
        }
        Collections.reverse(entries);
        return List.copyOf(entries.subList(0, Math.min(limit, entries.size())));
    }

    private static void addRun(List<Line> lines, CheckIn checkIn) {
        if (checkIn.status() == CheckInStatus.MISSED) return;
        Ping last = checkIn.ping();
        Instant end = checkIn.dateUpdated() != null ? checkIn.dateUpdated() : checkIn.dateAdded();
        boolean ended = checkIn.status().isUserTerminal();
        if (!ended || !end.isAfter(checkIn.dateAdded())) {
            lines.add(new Line(ended ? endType(checkIn) : "start", checkIn.dateAdded(), last, null, bodyOf(last, checkIn)));
            return;
        }
        Ping start = checkIn.startPing();
        lines.add(new Line(endType(checkIn), end, last, checkIn.durationMs(), bodyOf(last, checkIn)));
        if (start == null) return;
        boolean startBodyKept = start.hasBody() && (last == null || !last.hasBody());
        lines.add(new Line("start", checkIn.dateAdded(), start, null, startBodyKept ? checkIn.id() : null));
    }

    private static String bodyOf(Ping ping, CheckIn checkIn) {
        return ping != null && ping.hasBody() ? checkIn.id() : null;
    }

    private static String endType(CheckIn checkIn) {
        return checkIn.status() == CheckInStatus.OK ? "success" : "fail";
    }

    private record Line(String type, Instant date, Ping ping, Long durationMs, String bodyId) {
        long storedN() {
            return ping != null ? ping.n() : 0;
        }

        boolean isEnd() {
            return durationMs != null;
        }
    }
}
