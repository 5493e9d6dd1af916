package dev.cronwatch.handlers.logging;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/** One named logger: drops what is below the threshold, renders the rest as one record each. */
final class LambdaLog extends LegacyAbstractLogger {
    /** Where a rendered record goes: the Lambda runtime's logger when deployed, a list in tests. */
    interface Sink {
        void write(byte[] record, LogLevel level);
    }

    private final transient Level threshold;
    private final transient LogLine lines;
    private final transient Sink sink;

    LambdaLog(String name, Level threshold, LogLine lines, Sink sink) {
        this.name = name;
        this.threshold = threshold;
        this.lines = lines;
        this.sink = sink;
    }

    /** The level Lambda's LoggingConfig sets (TRACE…FATAL); INFO when unset or unknown. */
    static Level threshold(String applicationLogLevel) {
        if (applicationLogLevel == null) return Level.INFO;
        return switch (applicationLogLevel.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "WARN" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        String record = lines.render(level, name, pattern, arguments, throwable);
        sink.write(record.getBytes(StandardCharsets.UTF_8), LogLevel.valueOf(level.name()));
    }
}
