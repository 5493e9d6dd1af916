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
 * <p>A ping's {@code n} is the number it was given when applied; a line without one (a Sentry check-in
 * to the check) takes the number after the older line's.
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
        long previous = 0;
        for (Line line : lines) {
            long n = line.storedN() > 0 ? line.storedN() : previous + 1;
            entries.add(new PingLogEntry(line.type(), line.date(), n, line.ping(), line.durationMs(), line.bodyId()));
            previous = n;
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
        boolean startBodyKept = start != null && start.hasBody() && (last == null || !last.hasBody());
        lines.add(new Line("start", checkIn.dateAdded(), start != null ? start : last, null,
                startBodyKept ? checkIn.id() : null, start != null));
    }

    private static String bodyOf(Ping ping, CheckIn checkIn) {
        return ping != null && ping.hasBody() ? checkIn.id() : null;
    }

    private static String endType(CheckIn checkIn) {
        return checkIn.status() == CheckInStatus.OK ? "success" : "fail";
    }

    /** {@code ownPing}: whether {@code ping} is this line's own (its number is this line's). */
    private record Line(String type, Instant date, Ping ping, Long durationMs, String bodyId, boolean ownPing) {
        Line(String type, Instant date, Ping ping, Long durationMs, String bodyId) {
            this(type, date, ping, durationMs, bodyId, true);
        }

        long storedN() {
            return ownPing && ping != null ? ping.n() : 0;
        }

        boolean isEnd() {
            return durationMs != null;
        }
    }
}
