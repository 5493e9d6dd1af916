package dev.cronwatch.local;

import dev.cronwatch.core.monitor.ProcessingError;
import dev.cronwatch.core.queue.QueueMessage;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.handlers.ProcessorEvents;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Local mode's console, told by the processor of every check-in it dropped after the client had its
 * 2xx, or applied without its invalid config: one line each, so a mistyped slug is seen the moment it happens. A message redelivered before
 * anything could remember it records its error again: it is printed once. Drops counted per minute (the
 * rate limit, an unknown slug) share their minute's error: its first is printed, as its count says the rest.
 */
final class ProcessingErrorWarnings implements ProcessorEvents {
    private static final int REMEMBERED = 1_000;

    private final PrintStream console;
    private final Map<String, Boolean> printed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    ProcessingErrorWarnings(PrintStream console) {
        this.console = console;
    }

    @Override
    public void applied(QueueMessage message, ProcessorService.MessageOutcome applied) {
        ProcessingError error = applied.changes() == null ? null : applied.changes().processingError();
        if (error != null && firstTime(error.id())) {
            console.println(line(error, applied.kind() == ProcessorService.MessageOutcome.Kind.REJECTED));
        }
    }

    private synchronized boolean firstTime(String id) {
        return printed.put(id, Boolean.TRUE) == null;
    }

    /** {@code dropped}: nothing was applied; else the check-in was, and something of it was not (its config). */
    static String line(ProcessingError e, boolean dropped) {
        String organization = e.monitor().organization();
        String detail = e.data().isEmpty() ? "" : " " + e.data();
        return oneLine("! " + (dropped ? "dropped check-in " : "applied check-in ") + e.checkInId() + " for "
                + organization + "/" + e.monitor().slug()
                + ": " + e.type().name() + detail + " (GET /api/0/organizations/" + organization + "/processing-errors/)");
    }

    /** Names in the data are the client's: they must not break the line or reorder the console. */
    private static String oneLine(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT || cp == 0x2028 || cp == 0x2029 ? ' ' : cp));
        return out.toString();
    }
}
