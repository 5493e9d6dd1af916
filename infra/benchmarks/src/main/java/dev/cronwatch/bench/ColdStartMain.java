package dev.cronwatch.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cronwatch.handlers.ClockHandler;
import dev.cronwatch.handlers.IngestHandler;
import dev.cronwatch.handlers.ManagementHandler;
import dev.cronwatch.handlers.ProcessorHandler;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;

/**
 * Runs in a fresh JVM on the Lambda zip's classpath: builds one handler the way Lambda does (its
 * no-argument constructor, settings from the environment) and handles one event. Kept to handler and
 * event classes so it adds nothing the deployed function would not load.
 */
public final class ColdStartMain {
    private ColdStartMain() {
    }

    public static void main(String[] args) {
        String result = switch (args[0]) {
            case "http" -> {
                var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build();
                var event = APIGatewayV2HTTPEvent.builder().withRequestContext(context)
                        .withRawPath("/api/0/organizations/bench/monitors/cold/checkins/")
                        .withHeaders(Map.of("authorization", "DSN " + System.getenv("BENCH_DSN"),
                                "content-type", "application/json"))
                        .withBody("{\"status\": \"ok\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}").build();
                yield String.valueOf(new IngestHandler().handleRequest(event, null).getStatusCode());
            }
            case "management" -> {
                var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build();
                var event = APIGatewayV2HTTPEvent.builder().withRequestContext(context)
                        .withRawPath("/api/0/organizations/bench/monitors/")
                        .withHeaders(Map.of("authorization", "Bearer " + System.getenv("BENCH_TOKEN"))).build();
                yield String.valueOf(new ManagementHandler().handleRequest(event, null).getStatusCode());
            }
            case "processor" -> {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId("cold-1");
                record.setBody(System.getenv("BENCH_MESSAGE"));
                record.setAttributes(Map.of("MessageGroupId", "bench/cold", "ApproximateReceiveCount", "1"));
                SQSEvent event = new SQSEvent();
                event.setRecords(List.of(record));
                yield new ProcessorHandler().handleRequest(event, null).getBatchItemFailures().isEmpty() ? "ok" : "failed";
            }
            case "clock" -> {
                ScheduledEvent event = new ScheduledEvent();
                event.setTime(new DateTime(System.currentTimeMillis()));
                yield String.valueOf(new ClockHandler().handleRequest(event, null).get("failures"));
            }
            default -> throw new IllegalArgumentException(args[0]);
        };
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("HANDLED " + sinceJvmStart + " " + result);
        System.exit(0);
    }
}
