package dev.cronwatch.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import dev.cronwatch.core.monitor.MonitorKey;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * What every log line of an invocation says it is about: the request id, and the organization and
 * monitor once known. Each handler calls {@link #begin} first; the processor and the clock call
 * {@link #monitor} per message or per due environment and {@link #clearMonitor} after it.
 */
public final class LogContext {
    public static final String REQUEST_ID = "requestId";
    public static final String ORGANIZATION = "organization";
    public static final String MONITOR = "monitor";
    /** The keys every JSON log record carries, null when not known. */
    public static final List<String> KEYS = List.of(REQUEST_ID, ORGANIZATION, MONITOR);

    /** Organization and slug as the routes put them; slugs are only logged, never trusted from here. */
    private static final Pattern ORGANIZATION_PATH =
            Pattern.compile("^/api/0/(?:organizations|projects)/([^/]{1,100})(?:/monitors/([^/]{1,100}))?");
    private static final Pattern RELAY_PATH = Pattern.compile("^/api/[^/]{1,100}/cron/([^/]{1,100})/");

    private LogContext() {
    }

    /** Starts an invocation: forgets whatever the previous one on this thread left. */
    public static void begin(Context context) {
        MDC.clear();
        if (context != null && context.getAwsRequestId() != null) MDC.put(REQUEST_ID, context.getAwsRequestId());
    }

    /** Starts an HTTP invocation, with the organization and monitor its path names (before any check). */
    public static void beginHttp(Context context, String gatewayRequestId, String rawPath) {
        begin(context);
        if (context == null && gatewayRequestId != null) MDC.put(REQUEST_ID, gatewayRequestId);
        if (rawPath == null) return;
        Matcher organization = ORGANIZATION_PATH.matcher(rawPath);
        Matcher relay = RELAY_PATH.matcher(rawPath);
        if (organization.find()) {
            MDC.put(ORGANIZATION, organization.group(1));
            if (organization.group(2) != null) MDC.put(MONITOR, organization.group(2));
        } else if (relay.find()) {
            MDC.put(MONITOR, relay.group(1));
        }
    }

    public static void monitor(MonitorKey monitor) {
        MDC.put(ORGANIZATION, monitor.organization());
        MDC.put(MONITOR, monitor.slug());
    }

    public static void clearMonitor() {
        MDC.remove(ORGANIZATION);
        MDC.remove(MONITOR);
    }

    /** Ends an invocation, so that a thread reused for other work logs nothing of this one. */
    public static void end() {
        MDC.clear();
    }
}
