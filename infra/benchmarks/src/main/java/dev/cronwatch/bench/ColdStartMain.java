package dev.cronwatch.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cronwatch.adapters.aws.Connections;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.handlers.ClockHandler;
import dev.cronwatch.handlers.IngestHandler;
import dev.cronwatch.handlers.ManagementHandler;
import dev.cronwatch.handlers.ProcessorHandler;
import dev.cronwatch.handlers.Wiring;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Runs in a fresh JVM on a Lambda zip's classpath: builds one handler the way Lambda does (its
 * no-argument constructor, settings from the environment) and handles one event. Kept to handler and
 * event classes so it adds nothing the deployed function would not load; the clients the first event
 * uses are built first, as the handler would build them, so that their cost is a phase of its own.
 *
 * <p>Prints {@code HANDLED <ms since JVM start> <result> <epoch ms at main> <clients ms> <wiring ms>
 * <handler ms> <event ms> <classes loaded> <class loading ms> <TLS set-up ms> <epoch ms at handled>
 * <process CPU ms at handled>}; what is measured after the event (the TLS set-up an AWS endpoint's
 * client would add, and the management beans that read the counts) is not in the times before it.
 */
public final class ColdStartMain {
    private ColdStartMain() {
    }

    public static void main(String[] args) {
        long mainAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        // The SDK clients the first event uses, built as the wiring builds them; the wiring's own second
        // DynamoDB client then costs a few milliseconds, its classes loaded.
        Connections clients = Connections.forSettings(Settings.fromEnvironment());
        clients.dynamoDb();
        if (args[0].equals("http") || args[0].equals("clock")) clients.sqs();
        long t1 = System.nanoTime();
        Wiring.instance(); // settings, adapters, services
        long t2 = System.nanoTime();
        Object handler = handler(args[0]);
        long t3 = System.nanoTime();
        String result = handle(args[0], handler);
        long t4 = System.nanoTime();
        long handledAt = System.currentTimeMillis();
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long classLoading = classLoadingMillis();
        // Against the emulators' plain HTTP no TLS context is made; on AWS the first client makes one.
        long t5 = System.nanoTime();
        UrlConnectionHttpClient.builder().build().close();
        long t6 = System.nanoTime();
        long sinceJvmStart = handledAt - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf(Locale.ROOT, "HANDLED %d %s %d %.1f %.1f %.1f %.1f %d %d %.1f %d %.1f%n", sinceJvmStart, result, mainAt,
                ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), classes, classLoading, ms(t6 - t5), handledAt, ms(cpu));
        System.exit(0);
    }

    private static Object handler(String kind) {
        return switch (kind) {
            case "http" -> new IngestHandler();
            case "management" -> new ManagementHandler();
            case "processor" -> new ProcessorHandler();
            case "clock" -> new ClockHandler();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static String handle(String kind, Object handler) {
        return switch (kind) {
            case "http" -> {
                var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build();
                var event = APIGatewayV2HTTPEvent.builder().withRequestContext(context)
                        .withRawPath("/api/0/organizations/bench/monitors/cold/checkins/")
                        .withHeaders(Map.of("authorization", "DSN " + System.getenv("BENCH_DSN"),
                                "content-type", "application/json"))
                        .withBody("{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}").build();
                yield String.valueOf(((IngestHandler) handler).handleRequest(event, null).getStatusCode());
            }
            case "management" -> {
                var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build();
                var event = APIGatewayV2HTTPEvent.builder().withRequestContext(context)
                        .withRawPath("/api/0/organizations/bench/monitors/")
                        .withHeaders(Map.of("authorization", "Bearer " + System.getenv("BENCH_TOKEN"))).build();
                yield String.valueOf(((ManagementHandler) handler).handleRequest(event, null).getStatusCode());
            }
            case "processor" -> {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId("cold-1");
                record.setBody(System.getenv("BENCH_MESSAGE"));
                record.setAttributes(Map.of("MessageGroupId", "bench/cold", "ApproximateReceiveCount", "1"));
                SQSEvent event = new SQSEvent();
                event.setRecords(List.of(record));
                yield ((ProcessorHandler) handler).handleRequest(event, null).getBatchItemFailures().isEmpty() ? "ok" : "failed";
            }
            case "clock" -> {
                // the minute before: its ingest grace is over, so the tick does not wait for it
                Map<String, Object> event = Map.of("time", Instant.ofEpochMilli(System.currentTimeMillis() - 60_000).toString());
                yield String.valueOf(((ClockHandler) handler).handleRequest(event, null).get("failures"));
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * HotSpot's own count of the time spent loading classes (-XX:+UsePerfData, on by default), through
     * its internal MBean (the parent opens sun.management to this class); -1 where it is not there.
     */
    private static long classLoadingMillis() {
        try {
            Object bean = Class.forName("sun.management.ManagementFactoryHelper")
                    .getMethod("getHotspotClassLoadingMBean").invoke(null);
            return (long) Class.forName("sun.management.HotspotClassLoadingMBean")
                    .getMethod("getClassLoadingTime").invoke(bean);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
