package dev.cronwatch.core.monitor;

/** A file a job uploaded with one of its check-ins (a log tail, say): at most 100 KB, one per check-in. */
public record Attachment(MonitorKey monitor, String checkInId, String filename, String contentType, byte[] content) {
    public static final int MAX_BYTES = 100 * 1024;
}
