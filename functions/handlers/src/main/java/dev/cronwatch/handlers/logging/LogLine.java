package dev.cronwatch.handlers.logging;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.handlers.LogContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;

/** A log call as the record CloudWatch keeps: the message with the invocation's context around it. */
final class LogLine {
    enum Format { JSON, TEXT }

    private final Format format;
    private final MDCAdapter mdc;

    LogLine(Format format, MDCAdapter mdc) {
        this.format = format;
        this.mdc = mdc;
    }

    String render(Level level, String logger, String pattern, Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        Map<String, String> context = mdc.getCopyOfContextMap();
        return format == Format.JSON ? json(level, logger, message, context, throwable)
                : text(level, logger, message, context, throwable);
    }

    private static String json(Level level, String logger, String message, Map<String, String> context,
                               Throwable throwable) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("level", level.name());
        record.put("logger", logger);
        record.put("message", message);
        // present on every record, null where not known, so that queries need not test for the field
        for (String key : LogContext.KEYS) record.put(key, context == null ? null : context.get(key));
        if (context != null) context.forEach(record::putIfAbsent);
        if (throwable != null) {
            record.put("errorType", throwable.getClass().getName());
            record.put("errorMessage", throwable.getMessage());
            record.put("stackTrace", stackTrace(throwable));
        }
        return Json.write(record) + "\n";
    }

    private static String text(Level level, String logger, String message, Map<String, String> context,
                               Throwable throwable) {
        StringBuilder line = new StringBuilder().append(level.name()).append(' ')
                .append(logger.substring(logger.lastIndexOf('.') + 1));
        if (context != null && !context.isEmpty()) line.append(' ').append(context);
        line.append(" - ").append(message).append('\n');
        if (throwable != null) line.append(stackTrace(throwable));
        return line.toString();
    }

    private static String stackTrace(Throwable throwable) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
