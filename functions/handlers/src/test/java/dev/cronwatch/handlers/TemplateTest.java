package dev.cronwatch.handlers;

import static dev.cronwatch.handlers.HttpEvents.unknownRoute;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.adapters.dynamo.DynamoStores;
import dev.cronwatch.adapters.dynamo.TableDefinition;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.adapters.testing.DynamoDbLocalFixture;
import dev.cronwatch.adapters.testing.RequestCounter;
import dev.cronwatch.core.time.ManualClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import dev.cronwatch.core.hash.Digest;
import dev.cronwatch.core.port.Metric;
import dev.cronwatch.core.port.Tenants;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.core.tenant.Project;
import dev.cronwatch.handlers.http.HttpRoutes;
import dev.cronwatch.handlers.usecases.IngestServices;
import dev.cronwatch.handlers.usecases.JudgingServices;
import dev.cronwatch.handlers.usecases.Limits;
import dev.cronwatch.handlers.usecases.ManagementServices;
import dev.cronwatch.handlers.usecases.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * template.yaml against the code, without SAM CLI: parsed with CloudFormation's short tags, then held
 * to the handler classes, the settings, the table definition, the metric names and every route of
 * docs/spec.md. What the SAM transform makes of it is checked by infra/bin/check-template.
 */
class TemplateTest {
    private static final Set<String> PSEUDO = Set.of("AWS::Region", "AWS::AccountId", "AWS::StackName",
            "AWS::URLSuffix", "AWS::Partition", "AWS::NoValue", "AWS::StackId");
    private static final String KEY = InMemorySystem.KEY;

    /** Every request form of docs/spec.md, as clients send it (trailing slash), and the function that must get it. */
    private static final List<String[]> REQUESTS = List.of(
            new String[] {"POST", "/api/0/organizations/acme/monitors/backup/checkins/", "IngestFunction"},
            new String[] {"PUT", "/api/0/organizations/acme/monitors/backup/checkins/latest/", "IngestFunction"},
            new String[] {"PUT", "/api/0/organizations/acme/monitors/backup/checkins/3f2504e0-4f89-41d3-9a0c-0305e82c3301/", "IngestFunction"},
            new String[] {"POST", "/api/0/organizations/acme/monitors/backup/checkins/latest/attachment/", "IngestFunction"},
            new String[] {"GET", "/api/1/cron/backup/" + KEY + "/", "IngestFunction"},
            new String[] {"POST", "/api/1/cron/backup/" + KEY + "/", "IngestFunction"},
            new String[] {"POST", "/api/1/envelope/", "IngestFunction"},
            new String[] {"GET", "/ping/5a1e5b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b", "IngestFunction"},
            new String[] {"POST", "/ping/5a1e5b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b/", "IngestFunction"},
            new String[] {"HEAD", "/ping/5a1e5b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b/start", "IngestFunction"},
            new String[] {"PUT", "/ping/abcdefghijklmnopqrstuv/backup/1", "IngestFunction"},
            new String[] {"GET", "/api/0/organizations/acme/monitors/", "ManagementFunction"},
            new String[] {"POST", "/api/0/organizations/acme/monitors/", "ManagementFunction"},
            new String[] {"GET", "/api/0/organizations/acme/monitors/backup/", "ManagementFunction"},
            new String[] {"PUT", "/api/0/organizations/acme/monitors/backup/", "ManagementFunction"},
            new String[] {"DELETE", "/api/0/organizations/acme/monitors/backup/", "ManagementFunction"},
            new String[] {"GET", "/api/0/organizations/acme/monitors/backup/checkins/", "ManagementFunction"},
            new String[] {"GET", "/api/0/organizations/acme/monitors/backup/incidents/", "ManagementFunction"},
            new String[] {"GET", "/api/0/organizations/acme/monitors/backup/processing-errors/", "ManagementFunction"},
            new String[] {"GET", "/api/0/organizations/acme/processing-errors/", "ManagementFunction"},
            new String[] {"GET", "/api/0/organizations/acme/projects/", "ManagementFunction"},
            new String[] {"POST", "/api/0/organizations/acme/projects/", "ManagementFunction"},
            new String[] {"GET", "/api/0/projects/acme/web/keys/", "ManagementFunction"},
            new String[] {"POST", "/api/0/projects/acme/web/keys/", "ManagementFunction"},
            new String[] {"DELETE", "/api/0/projects/acme/web/keys/" + KEY + "/", "ManagementFunction"},
            new String[] {"GET", "/api/0/organizations/acme/tokens/", "ManagementFunction"},
            new String[] {"POST", "/api/0/organizations/acme/tokens/", "ManagementFunction"},
            new String[] {"DELETE", "/api/0/organizations/acme/tokens/0123456789abcdef/", "ManagementFunction"},
            new String[] {"GET", "/api/0/projects/acme/web/ping-key/", "ManagementFunction"},
            new String[] {"GET", "/api/0/projects/acme/web/api-keys/", "ManagementFunction"},
            new String[] {"POST", "/api/0/projects/acme/web/api-keys/", "ManagementFunction"},
            new String[] {"DELETE", "/api/0/projects/acme/web/api-keys/0123456789abcdef/", "ManagementFunction"},
            new String[] {"GET", "/api/v3/checks/", "ManagementFunction"},
            new String[] {"POST", "/api/v3/checks/", "ManagementFunction"},
            new String[] {"OPTIONS", "/api/v3/checks/", "ManagementFunction"},
            new String[] {"GET", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79", "ManagementFunction"},
            new String[] {"POST", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79", "ManagementFunction"},
            new String[] {"DELETE", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79", "ManagementFunction"},
            new String[] {"OPTIONS", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79", "ManagementFunction"},
            new String[] {"POST", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79/pause", "ManagementFunction"},
            new String[] {"OPTIONS", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79/pause", "ManagementFunction"},
            new String[] {"POST", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79/resume", "ManagementFunction"},
            new String[] {"OPTIONS", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79/resume", "ManagementFunction"},
            new String[] {"GET", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79/pings/", "ManagementFunction"},
            new String[] {"OPTIONS", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79/pings/", "ManagementFunction"},
            new String[] {"GET", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79/pings/3/body", "ManagementFunction"},
            new String[] {"OPTIONS", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79/pings/3/body", "ManagementFunction"},
            new String[] {"GET", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79/flips/", "ManagementFunction"},
            new String[] {"OPTIONS", "/api/v3/checks/7918b17b-a745-4db1-8575-9d2e07c97f79/flips/", "ManagementFunction"},
            new String[] {"GET", "/api/v3/badges/", "ManagementFunction"},
            new String[] {"OPTIONS", "/api/v3/badges/", "ManagementFunction"},
            new String[] {"GET", "/api/v3/status/", "ManagementFunction"},
            new String[] {"GET", "/api/v3/channels/", "ManagementFunction"},
            new String[] {"OPTIONS", "/api/v3/channels/", "ManagementFunction"},
            new String[] {"GET", "/badge/0123456789abcdef0123456789abcdef/abcdefgh-2.svg", "ManagementFunction"},
            new String[] {"GET", "/badge/0123456789abcdef0123456789abcdef/abcdefgh/prod.json", "ManagementFunction"},
            new String[] {"GET", "/b/2/0123456789abcdef0123456789abcdef/abcdefgh/backups.shields", "ManagementFunction"},
            new String[] {"GET", "/badge/0123456789abcdef0123456789abcdef.svg", "ManagementFunction"},
            new String[] {"GET", "/b/2/0123456789abcdef0123456789abcdef/backups.svg", "ManagementFunction"},
            new String[] {"PUT", "/api/0/organizations/acme/monitors/backup/environments/production/", "ManagementFunction"},
            new String[] {"DELETE", "/api/0/organizations/acme/monitors/backup/environments/production/", "ManagementFunction"},
            new String[] {"GET", "/api/0/organizations/", "ManagementFunction"},
            new String[] {"GET", "/api/0/organizations/acme/monitor-summaries/", "ManagementFunction"},
            new String[] {"GET", "/api/0/organizations/acme/monitors-schedule-data/", "ManagementFunction"},
            new String[] {"GET", "/", "ManagementFunction"},
            new String[] {"GET", "/assets/3f2504e04f89/app.js", "ManagementFunction"});

    static Map<String, Object> template;
    static Map<String, Object> resources;
    static Map<String, Object> parameters;
    static String text;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws Exception {
        text = Files.readString(Path.of("../../template.yaml"));
        template = new Yaml(new CloudFormationConstructor()).load(text);
        resources = (Map<String, Object>) template.get("Resources");
        parameters = (Map<String, Object>) template.get("Parameters");
    }

    @Test
    void isASamTemplate() {
        assertThat(template).containsEntry("Transform", "AWS::Serverless-2016-10-31");
    }

    @Test
    void everyHandlerIsALambdaHandlerOnTheClasspath() throws Exception {
        List<String> handlers = new ArrayList<>();
        for (Map<String, Object> function : functions().values()) {
            Class<?> type = handlerClass(function);
            assertThat(RequestHandler.class).as(type.getName()).isAssignableFrom(type);
            assertThat(type.getConstructor()).as("%s needs the no-argument constructor Lambda uses", type).isNotNull();
            handlers.add(type.getName());
        }
        assertThat(handlers).containsExactlyInAnyOrder(IngestHandler.class.getName(), ManagementHandler.class.getName(),
                ProcessorHandler.class.getName(), ClockHandler.class.getName(), ClockShardHandler.class.getName(),
                PagerDutyForwarder.class.getName());
    }

    /** Each function's code is the zip of what it uses (the handlers pom's assemblies). */
    @Test
    void everyFunctionHasItsOwnCodeUriSoThatSamBuildRewritesIt() {
        assertThat(globals()).doesNotContainKey("CodeUri");
        Map<String, String> zips = new java.util.TreeMap<>();
        functions().forEach((name, function) -> zips.put(name, (String) properties(function).get("CodeUri")));
        String target = "functions/handlers/target/";
        assertThat(zips).containsExactlyInAnyOrderEntriesOf(Map.of(
                "IngestFunction", target + "cronwatch-ingest.zip",
                "ManagementFunction", target + "cronwatch-management.zip",
                "ProcessorFunction", target + "cronwatch-processing.zip",
                "ClockFunction", target + "cronwatch-processing.zip",
                "ClockShardFunction", target + "cronwatch-processing.zip",
                "PagerDutyForwarderFunction", target + "cronwatch-functions.zip"));
        assertThat(globals()).containsEntry("Runtime", "java21");
    }

    @Test
    void everyReferenceResolves() {
        List<String> problems = new ArrayList<>();
        walk(template.get("Resources"), problems);
        walk(template.get("Outputs"), problems);
        walk(template.get("Globals"), problems);
        walk(template.get("Conditions"), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableTheCodeRequiresIsSetForEveryFunction() {
        Map<String, Object> global = (Map<String, Object>) ((Map<String, Object>) globals().get("Environment")).get("Variables");
        for (var entry : functions().entrySet()) {
            Map<String, Object> variables = new LinkedHashMap<>(global);
            Object own = properties(entry.getValue()).get("Environment");
            if (own != null) variables.putAll((Map<String, Object>) ((Map<String, Object>) own).get("Variables"));
            assertThat(variables).as(entry.getKey()).containsKeys(Settings.REQUIRED.toArray(String[]::new));
        }
        assertThat(global).containsEntry(Settings.MAX_JUDGEMENT_DELAY, Map.of("Ref", "MaxJudgementDelayMinutes"))
                .containsEntry(Settings.MAX_MONITORS, Map.of("Ref", "MaxMonitorsPerOrganization"));
        assertThat(parameter("MaxJudgementDelayMinutes")).containsEntry("Default", Settings.DEFAULT_MAX_JUDGEMENT_DELAY_MINUTES)
                .containsEntry("MinValue", 1);
        assertThat(parameter("MaxMonitorsPerOrganization"))
                .containsEntry("Default", Settings.DEFAULT_MAX_MONITORS_PER_ORGANIZATION);
        assertThat(global).containsEntry(Settings.MAX_NEW_MONITORS, Map.of("Ref", "MaxNewMonitorsPerMinute"));
        assertThat(parameter("MaxNewMonitorsPerMinute"))
                .containsEntry("Default", Settings.DEFAULT_MAX_NEW_MONITORS_PER_MINUTE).containsEntry("MinValue", 1);
        assertThat(global).containsEntry(Settings.MAX_ENVIRONMENTS, Map.of("Ref", "MaxEnvironmentsPerMonitor"));
        assertThat(parameter("MaxEnvironmentsPerMonitor"))
                .containsEntry("Default", Settings.DEFAULT_MAX_ENVIRONMENTS_PER_MONITOR)
                .containsEntry("MaxValue", Settings.DEFAULT_MAX_ENVIRONMENTS_PER_MONITOR);
        assertThat(global).containsEntry(Settings.DUE_INDEX_SHARDS, Map.of("Ref", "DueIndexShards"));
        assertThat(parameter("DueIndexShards")).containsEntry("Default", Settings.DEFAULT_DUE_INDEX_SHARDS)
                .containsEntry("MinValue", Settings.DEFAULT_DUE_INDEX_SHARDS);
    }

    /**
     * The dispatcher sends its shard ticks where the worker's event source reads them, one at a time,
     * and the workers send their tail passes there too.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theClocksDispatcherFeedsItsWorkersThroughTheShardQueue() {
        Map<String, Object> dispatcher = properties(functions().get("ClockFunction"));
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) dispatcher.get("Environment"))
                .get("Variables");
        assertThat(variables).containsEntry(Settings.CLOCK_SHARD_QUEUE_URL, Map.of("Ref", "ClockShardQueue"));
        Map<String, Object> worker = properties(functions().get("ClockShardFunction"));
        assertThat((Map<String, Object>) ((Map<String, Object>) worker.get("Environment")).get("Variables"))
                .as("a head pass hands the tail passes over on the same queue")
                .containsEntry(Settings.CLOCK_SHARD_QUEUE_URL, Map.of("Ref", "ClockShardQueue"));
        Map<String, Object> source = properties((Map<String, Object>) ((Map<String, Object>) worker.get("Events"))
                .get("ShardTicks"));
        assertThat(source).containsEntry("Queue", Map.of("Fn::GetAtt", List.of("ClockShardQueue", "Arn")))
                .containsEntry("BatchSize", 1);
        assertThat(properties(resource("ClockShardQueue"))).doesNotContainKey("FifoQueue");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJvmOptionsSelectTheLoggingProviderThatWritesJsonRecords() throws Exception {
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) globals().get("Environment")).get("Variables");
        Matcher provider = Pattern.compile("-Dslf4j\\.provider=(\\S+)").matcher((String) variables.get("JAVA_TOOL_OPTIONS"));
        assertThat(provider.find()).isTrue();
        assertThat(SLF4JServiceProvider.class).isAssignableFrom(Class.forName(provider.group(1)));
        assertThat((Map<String, Object>) globals().get("LoggingConfig")).containsEntry("LogFormat", "JSON");
        functions().forEach((name, function) -> {
            Map<String, Object> logging = (Map<String, Object>) properties(function).get("LoggingConfig");
            String group = (String) ((Map<String, Object>) logging.get("LogGroup")).get("Ref");
            assertThat(properties(resource(group))).as(name).containsEntry("RetentionInDays", Map.of("Ref", "LogRetentionDays"));
        });
    }

    @Test
    void theTableIsTheOneTheCodeDefines() {
        CreateTableRequest code = TableDefinition.createTableRequest("t");
        Map<String, Object> table = properties(resource("Table"));
        assertThat(names(table.get("AttributeDefinitions"), "AttributeName"))
                .isEqualTo(code.attributeDefinitions().stream().map(a -> a.attributeName()).collect(Collectors.toSet()));
        assertThat(names(table.get("KeySchema"), "AttributeName"))
                .isEqualTo(code.keySchema().stream().map(k -> k.attributeName()).collect(Collectors.toSet()));
        Map<String, String> indexes = new HashMap<>();
        for (Object index : (List<?>) table.get("GlobalSecondaryIndexes")) {
            Map<?, ?> i = (Map<?, ?>) index;
            indexes.put((String) i.get("IndexName"), names(i.get("KeySchema"), "AttributeName") + " "
                    + ((Map<?, ?>) i.get("Projection")).get("ProjectionType"));
        }
        Map<String, String> expected = new HashMap<>();
        code.globalSecondaryIndexes().forEach(i -> expected.put(i.indexName(),
                i.keySchema().stream().map(k -> k.attributeName()).collect(Collectors.toSet()) + " "
                        + i.projection().projectionTypeAsString()));
        assertThat(indexes).isEqualTo(expected);
        assertThat(resource("Table")).containsEntry("DeletionPolicy", "RetainExceptOnCreate").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(table).containsEntry("DeletionProtectionEnabled", true);
    }

    /**
     * Each request of docs/spec.md matches exactly one of the template's routes (or none, and goes to
     * $default), whichever way API Gateway reads a trailing slash, so that its precedence never
     * decides; that route is the function's the request must reach, and its handler serves it. The
     * requests try every route of the handlers' table, and go to the ingest function exactly when the
     * table calls them check-ins: the deployed split is local mode's, which routes by that table.
     */
    @Test
    void everyRequestOfTheSpecMatchesExactlyOneRouteOfAFunctionThatServesIt() throws Exception {
        List<Route> routes = routes();
        assertThat(routes).filteredOn(r -> r.path() == null).singleElement()
                .satisfies(r -> assertThat(r.function()).isEqualTo("ManagementFunction"));
        InMemorySystem system = InMemorySystem.seeded();
        HttpApiHandler everyRoute = system.handler;
        HttpRoutes table = HttpRoutes.all(system.ingest(), system.management());
        List<String> problems = new ArrayList<>();
        for (String[] request : REQUESTS) {
            String method = request[0];
            String path = request[1];
            for (Matching rules : Matching.values()) {
                List<Route> matched = matching(routes, method, path, rules);
                if (matched.size() != 1) {
                    problems.add(method + " " + path + " (" + rules + ") matches " + matched);
                } else if (!matched.get(0).function().equals(request[2])) {
                    problems.add(method + " " + path + " (" + rules + ") -> " + matched.get(0).function());
                }
            }
            if (table.isCheckIn(method, path) != request[2].equals("IngestFunction")) {
                problems.add(method + " " + path + ": the route table's check-ins go to IngestFunction alone");
            }
            boolean served = !unknownRoute(call(everyRoute, method, path));
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = handlerOf(request[2], system.ports);
            if (served && unknownRoute(call(handler, method, path))) {
                problems.add(method + " " + path + ": " + request[2] + "'s handler does not serve it");
            }
        }
        for (String entry : table.table()) {
            String[] route = entry.split(" ", 2);
            Route pattern = new Route(route[0], route[1], null);
            // the table's patterns take a trailing slash or not, as the handlers do
            if (REQUESTS.stream().noneMatch(r -> matches(pattern, r[0], r[1], Matching.TRAILING_SLASH_IGNORED))) {
                problems.add(entry + " of the route table is tried by no request");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theRoutingModelTellsTheRulesApartWhereTheyDiffer() {
        List<Route> routes = List.of(new Route("GET", "/a/{proxy+}", "Greedy"), new Route("GET", "/a", "Exact"),
                new Route("ANY", null, "Default"));
        assertThat(matching(routes, "GET", "/a/", Matching.GREEDY_MAY_BE_EMPTY)).extracting(Route::function)
                .containsExactly("Greedy");
        assertThat(matching(routes, "GET", "/a/", Matching.TRAILING_SLASH_IGNORED)).extracting(Route::function)
                .containsExactly("Exact");
        for (Matching rules : Matching.values()) {
            assertThat(matching(routes, "GET", "/a/b/", rules)).extracting(Route::function).containsExactly("Greedy");
            assertThat(matching(routes, "GET", "/a", rules)).extracting(Route::function).containsExactly("Exact");
            assertThat(matching(routes, "POST", "/a/b/", rules)).extracting(Route::function).containsExactly("Default");
        }
        // every route that matches is counted, however specific
        List<Route> nested = List.of(new Route("GET", "/a/{proxy+}", "Outer"), new Route("GET", "/a/b/{proxy+}", "Inner"));
        assertThat(matching(nested, "GET", "/a/b/c/", Matching.GREEDY_MAY_BE_EMPTY)).hasSize(2);
    }

    /**
     * The ingest function's role may not write items whose key begins like a tenant's. Holds the
     * template's prefixes to the keys the code writes: every tenant item matches one, and nothing the
     * ingest function writes does (else check-ins would fail with AccessDenied once deployed).
     */
    @Test
    void theIngestFunctionsDenyCoversEveryTenantItemAndNothingIngestWrites() {
        List<Pattern> denied = deniedLeadingKeys("IngestFunction");
        assertThat(denied).isNotEmpty();
        DynamoDbClient client = DynamoDbLocalFixture.client();
        String table = DynamoDbLocalFixture.newTable(client);
        Tenants tenants = DynamoStores.tenants(client, table);
        tenants.projects().ensureOrganization("acme");
        tenants.projects().ensureProject(new Project("acme", "1", "web"));
        tenants.projects().ensureDsnKey(new DsnKey(KEY, "acme", "1"));
        tenants.accessKeys().ensureToken("acme", "acme-token");
        String apiKey = "hcw_0123456789abcdefghijklmnopqr";
        tenants.accessKeys().createApiKey(dev.cronwatch.core.tenant.ApiKey.of("acme", "1", apiKey, null, null), apiKey);
        Map<String, Map<String, AttributeValue>> tenantItems = items(client, table);
        assertThat(tenantItems).isNotEmpty();
        tenantItems.keySet().stream().map(TemplateTest::partitionKey)
                .forEach(pk -> assertThat(denied).as(pk).anyMatch(p -> p.matcher(pk).matches()));

        RecordingQueue queue = new RecordingQueue();
        ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
        Ports ports = Ports.of(DynamoStores.on(client, table, 90), tenants, queue, new RecordingPublisher(), clock,
                UUID::randomUUID, Limits.DEFAULTS);
        IngestHandler ingest = new IngestHandler(IngestServices.of(ports));
        ProcessorService processor = JudgingServices.processor(ports);
        Map<String, String> dsn = Map.of("authorization", "DSN http://" + KEY + "@x/1", "content-type", "application/json");
        Set<String> writtenByIngest = new HashSet<>();
        Runnable[] requests = {
            () -> call(ingest, "POST", "/api/0/organizations/acme/monitors/backup/checkins/", dsn,
                    "{\"status\": \"in_progress\", \"monitor_config\": {\"schedule\": \"0 * * * *\"}}"),
            () -> call(ingest, "POST", "/api/0/organizations/acme/monitors/backup/checkins/latest/attachment/",
                    Map.of("authorization", dsn.get("authorization"), "content-type", "multipart/form-data; boundary=b"),
                    "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"log.txt\"\r\n\r\nok\r\n--b--\r\n"),
            () -> call(ingest, "GET", "/api/1/cron/heartbeat/" + KEY + "/", Map.of(), null),
        };
        for (Runnable request : requests) {
            Map<String, Map<String, AttributeValue>> before = items(client, table);
            request.run();
            items(client, table).forEach((key, item) -> {
                if (!item.equals(before.get(key))) writtenByIngest.add(partitionKey(key));
            });
            // what the processor writes is not the ingest function's: apply it between requests
            for (RecordingQueue.Delivery d : queue.takeAll()) processor.apply(d.message(), d.sequence());
        }
        assertThat(writtenByIngest).as("the requests above must write something for this test to mean anything")
                .isNotEmpty();
        writtenByIngest.forEach(pk -> assertThat(denied).as(pk).noneMatch(p -> p.matcher(pk).matches()));
    }

    /** Listing, making and revoking tokens, and a 0.2.0 token's first use, need nothing the role lacks. */
    @Test
    void theManagementFunctionsRoleAllowsEveryDynamoDbCallOfTheTokenRoutes() throws Exception {
        RequestCounter counter = new RequestCounter();
        DynamoDbClient client = DynamoDbLocalFixture.client(counter);
        String table = DynamoDbLocalFixture.newTable(client);
        Tenants tenants = DynamoStores.tenants(client, table);
        tenants.projects().ensureOrganization("acme");
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("TOKEN#" + Digest.SHA_256.hex("old-token")),
                "sk", AttributeValue.fromS("TOKEN"), "organization", AttributeValue.fromS("acme"))));
        Ports ports = Ports.of(DynamoStores.on(client, table, 90), tenants, new RecordingQueue(), new RecordingPublisher(),
                ManualClock.at("2026-01-01T00:00:00Z"), UUID::randomUUID, Limits.DEFAULTS);
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> management = handlerOf("ManagementFunction", ports);
        Map<String, String> bearer = Map.of("authorization", "Bearer old-token");
        counter.reset();

        APIGatewayV2HTTPResponse created = call(management, "POST", "/api/0/organizations/acme/tokens/", bearer, "{}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        String id = (String) HttpEvents.json(created).get("id");
        assertThat(call(management, "GET", "/api/0/organizations/acme/tokens/", bearer, null).getStatusCode()).isEqualTo(200);
        assertThat(call(management, "DELETE", "/api/0/organizations/acme/tokens/" + id + "/", bearer, null).getStatusCode())
                .isEqualTo(204);

        Set<String> allowed = allowedActions("ManagementFunction");
        assertThat(counter.requests().keySet()).contains("UpdateItem", "Query", "PutItem")
                .allSatisfy(operation -> assertThat(allowed).contains("dynamodb:" + operation));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theClocksScheduleDeliversTheScheduledTimeAsTheHandlerReadsIt() {
        Map<String, Object> schedule = properties(resource("ClockSchedule"));
        assertThat(schedule).containsEntry("ScheduleExpression", "rate(1 minute)");
        Map<String, Object> p = (Map<String, Object>) schedule.get("Target");
        assertThat((Map<String, Object>) p.get("RetryPolicy")).containsEntry("MaximumRetryAttempts", 0);
        // EventBridge Scheduler fills in its context attributes, then Lambda deserializes the event
        String input = ((String) p.get("Input")).replace("<aws.scheduler.scheduled-time>", "2026-11-30T12:34:00Z")
                .replace("<aws.scheduler.execution-id>", "e-1").replace("<aws.scheduler.schedule-arn>", "arn:x");
        Map<String, Object> event = Json.parseObject(input);
        assertThat(Instant.parse((String) event.get("time"))).isEqualTo(Instant.parse("2026-11-30T12:34:00Z"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQueueIsHighThroughputFifoWithAFarBackstopAndTheProcessorReportsPartialFailures() {
        Map<String, Object> queue = properties(resource("CheckInQueue"));
        assertThat(queue).containsEntry("FifoQueue", true).containsEntry("DeduplicationScope", "messageGroup")
                .containsEntry("FifoThroughputLimit", "perMessageGroupId")
                .containsEntry("VisibilityTimeout", 6 * (Integer) properties(resource("ProcessorFunction")).get("Timeout"));
        assertThat((Map<String, Object>) queue.get("RedrivePolicy")).containsEntry("maxReceiveCount", 1000);
        Map<String, Object> events = (Map<String, Object>) properties(resource("ProcessorFunction")).get("Events");
        Map<String, Object> sqs = properties((Map<String, Object>) events.values().iterator().next());
        assertThat((List<Object>) sqs.get("FunctionResponseTypes")).containsExactly("ReportBatchItemFailures");
        assertThat((Map<String, Object>) sqs.get("ScalingConfig"))
                .containsEntry("MaximumConcurrency", Map.of("Ref", "ProcessorMaximumConcurrency"));
        Map<String, Object> table = properties(resource("Table"));
        assertThat(((Map<String, Object>) table.get("TimeToLiveSpecification"))).containsEntry("AttributeName", "expiresAt");
        assertThat(template.get("Outputs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("ApiUrl", "TopicArn", "OpsTopicArn", "TableName");
    }

    /** Alarms and dashboard name the metrics the code emits, and the dashboard shows every one of them. */
    @Test
    @SuppressWarnings("unchecked")
    void everyCustomMetricOfTheTemplateIsOneTheCodeEmitsAndTheDashboardShowsThemAll() {
        Set<String> code = Arrays.stream(Metric.values()).map(Metric::metricName).collect(Collectors.toSet());
        resources.forEach((name, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            if (!"AWS::CloudWatch::Alarm".equals(resource.get("Type"))) return;
            Map<String, Object> p = properties(resource);
            assertThat(p.get("AlarmActions")).as(name).isEqualTo(List.of(Map.of("Ref", "OpsTopic")));
            if ("cronwatch".equals(p.get("Namespace"))) {
                assertThat(code).as(name).contains((String) p.get("MetricName"));
                assertThat((List<Object>) p.get("Dimensions")).as(name)
                        .containsExactly(Map.of("Name", "Stack", "Value", Map.of("Ref", "AWS::StackName")));
            }
        });
        String dashboard = (String) ((List<Object>) ((Map<String, Object>) properties(resource("Dashboard"))
                .get("DashboardBody")).get("Fn::Sub")).get(0);
        Matcher used = Pattern.compile("\\[\"cronwatch\", \"(\\w+)\"").matcher(dashboard);
        Set<String> shown = new HashSet<>();
        while (used.find()) shown.add(used.group(1));
        if (dashboard.contains("MetricName=\\\"CheckInsRejected\\\"")) shown.add("CheckInsRejected");
        assertThat(code).containsAll(shown);
        assertThat(shown).containsAll(code);
    }

    // ------------------------------------------------------------------------------------------ routing model

    record Route(String method, String path, String function) {
        boolean greedy() {
            return path != null && path.endsWith("{proxy+}");
        }

        List<String> prefix() {
            List<String> segments = segments(path);
            return greedy() ? segments.subList(0, segments.size() - 1) : segments;
        }
    }

    /**
     * How API Gateway may match a trailing slash; its "Routing API requests" does not say. An HTTP API's
     * greedy variable takes an empty remainder (`GET /metrics/{proxy+}` serving Grafana's `/metrics/`,
     * storacha/w3infra#166) and a trailing slash is not ignored (aws-powertools/powertools-lambda-python#1609's
     * end-to-end test); a REST API ignores it. A greedy variable that took no empty remainder, with a
     * slash not ignored, would leave /api/1/envelope/ to a greedy route from /api/{projectId}/ on, which
     * every management POST matches too: no layout without overlaps exists for that reading.
     */
    enum Matching { GREEDY_MAY_BE_EMPTY, TRAILING_SLASH_IGNORED }

    static List<String> segments(String path) {
        return List.of(path.substring(1).split("/", -1));
    }

    static boolean segmentMatches(String pattern, String actual) {
        return pattern.startsWith("{") ? !actual.isEmpty() : pattern.equals(actual);
    }

    static boolean matches(Route route, String method, String path, Matching rules) {
        if (route.path() == null || !(route.method().equals(method) || route.method().equals("ANY"))) return false;
        if (rules == Matching.TRAILING_SLASH_IGNORED && path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> actual = segments(path);
        List<String> prefix = route.prefix();
        if (!route.greedy()) {
            if (actual.size() != prefix.size()) return false;
        } else if (actual.size() < prefix.size() + 1) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!segmentMatches(prefix.get(i), actual.get(i))) return false;
        }
        if (!route.greedy()) return true;
        String remainder = String.join("/", actual.subList(prefix.size(), actual.size()));
        return rules == Matching.GREEDY_MAY_BE_EMPTY || !remainder.isEmpty();
    }

    /** Every route the request matches, precedence aside; $default only when no other does. */
    static List<Route> matching(List<Route> routes, String method, String path, Matching rules) {
        List<Route> matched = routes.stream().filter(r -> matches(r, method, path, rules)).toList();
        return matched.isEmpty() ? routes.stream().filter(r -> r.path() == null).toList() : matched;
    }

    @SuppressWarnings("unchecked")
    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        functions().forEach((name, function) -> {
            Object events = properties(function).get("Events");
            if (!(events instanceof Map<?, ?> map)) return;
            for (Object event : map.values()) {
                Map<String, Object> e = (Map<String, Object>) event;
                if (!"HttpApi".equals(e.get("Type"))) continue;
                Map<String, Object> p = (Map<String, Object>) e.get("Properties");
                routes.add(new Route(p.get("Method") == null ? "ANY" : ((String) p.get("Method")).toUpperCase(),
                        (String) p.get("Path"), name));
            }
        });
        return routes;
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The template's HTTP function built as its test constructor builds it: on what it serves with, from {@code ports}. */
    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handlerOf(String function,
                                                                                         Ports ports) throws Exception {
        Class<?> handler = handlerClass(functions().get(function));
        Object services = handler.equals(IngestHandler.class) ? IngestServices.of(ports) : ManagementServices.of(ports);
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler
                .getConstructor(services.getClass()).newInstance(services);
    }

    private static Class<?> handlerClass(Map<String, Object> function) throws ClassNotFoundException {
        String handler = (String) properties(function).get("Handler");
        return Class.forName(handler.substring(0, handler.indexOf("::")));
    }

    private static APIGatewayV2HTTPResponse call(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                                 String method, String path) {
        return call(handler, method, path, Map.of(), null);
    }

    private static APIGatewayV2HTTPResponse call(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                                 String method, String path, Map<String, String> headers, String body) {
        return handler.handleRequest(HttpEvents.event(method, path, headers, body), null);
    }

    @SuppressWarnings("unchecked")
    private static List<Pattern> deniedLeadingKeys(String function) {
        List<Pattern> patterns = new ArrayList<>();
        for (Map<String, Object> statement : statements(function, "Deny")) {
            Map<String, Object> condition = (Map<String, Object>) ((Map<String, Object>) statement.get("Condition"))
                    .get("ForAnyValue:StringLike");
            for (Object glob : (List<Object>) condition.get("dynamodb:LeadingKeys")) {
                patterns.add(Pattern.compile(Arrays.stream(((String) glob).split("\\*", -1)).map(Pattern::quote)
                        .collect(Collectors.joining(".*"))));
            }
        }
        return patterns;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> allowedActions(String function) {
        Set<String> actions = new HashSet<>();
        for (Map<String, Object> statement : statements(function, "Allow")) actions.addAll((List<String>) statement.get("Action"));
        return actions;
    }

    /** The function's policy statements with this effect. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(String function, String effect) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : (List<Object>) properties(resource(function)).get("Policies")) {
            for (Object s : (List<Object>) ((Map<String, Object>) policy).get("Statement")) {
                if (effect.equals(((Map<String, Object>) s).get("Effect"))) statements.add((Map<String, Object>) s);
            }
        }
        return statements;
    }

    /** Every item of the table by its key, "pk|sk", as read now. */
    private static Map<String, Map<String, AttributeValue>> items(DynamoDbClient client, String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item ->
                items.put(item.get(TableDefinition.PK).s() + "|" + item.get(TableDefinition.SK).s(), item));
        return items;
    }

    /** The partition key of "pk|sk": what dynamodb:LeadingKeys is. */
    private static String partitionKey(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    private static Set<Object> names(Object list, String key) {
        return ((List<?>) list).stream().map(o -> ((Map<?, ?>) o).get(key)).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> globals() {
        return (Map<String, Object>) ((Map<String, Object>) template.get("Globals")).get("Function");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameter(String name) {
        return (Map<String, Object>) parameters.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resource(String name) {
        return (Map<String, Object>) resources.get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePagerDutyForwarderIsOptional_readsOnlyItsKey_andTakesOnlyIncidentAlerts() {
        Map<String, Object> forwarder = functions().get("PagerDutyForwarderFunction");
        assertThat(forwarder).containsEntry("Condition", "HasPagerDuty");
        assertThat(((Map<String, Object>) parameters.get("PagerDutyRoutingKeyParameter"))).containsEntry("Default", "");
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) properties(forwarder).get("Environment"))
                .get("Variables");
        assertThat(variables).containsEntry(Settings.PAGERDUTY_ROUTING_KEY_PARAMETER, Map.of("Ref", "PagerDutyRoutingKeyParameter"))
                .containsKey(Settings.PAGERDUTY_EVENTS_URL);
        assertThat(String.valueOf(properties(forwarder).get("Policies"))).contains("ssm:GetParameter")
                .contains("parameter${PagerDutyRoutingKeyParameter}").doesNotContain("*");
        Map<String, Object> sns = properties((Map<String, Object>) ((Map<String, Object>) properties(forwarder).get("Events"))
                .get("Alerts"));
        assertThat(sns).containsEntry("Topic", Map.of("Ref", "AlertTopic"));
        assertThat(sns.get("FilterPolicy")).isEqualTo(Map.of("type", List.of("incident.opened", "incident.resolved")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        resources.forEach((name, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) functions.put(name, resource);
        });
        return functions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!]+)}");

    @SuppressWarnings("unchecked")
    private static void walk(Object node, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Ref".equals(key)) checkName(String.valueOf(value), problems, "Ref", Map.of());
                if ("Fn::GetAtt".equals(key)) {
                    String target = value instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(value).split("\\.")[0];
                    if (!resources.containsKey(target)) problems.add("GetAtt to unknown resource " + target);
                }
                if ("Fn::Sub".equals(key)) {
                    String sub = value instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(value);
                    Map<String, Object> variables = value instanceof List<?> l && l.size() > 1
                            ? (Map<String, Object>) l.get(1) : Map.of();
                    Matcher m = SUB.matcher(sub);
                    while (m.find()) checkName(m.group(1).split("\\.")[0], problems, "Sub", variables);
                }
                walk(value, problems);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> walk(item, problems));
        }
    }

    private static void checkName(String name, List<String> problems, String how, Map<String, Object> variables) {
        if (!resources.containsKey(name) && !parameters.containsKey(name) && !PSEUDO.contains(name)
                && !variables.containsKey(name)) {
            problems.add(how + " to unknown " + name);
        }
    }

    /** Reads !Ref, !GetAtt, !Sub… into their long forms ({"Ref": x}, {"Fn::GetAtt": [r, a]}…). */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("Ref", "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or",
                    "FindInMap", "Base64", "Cidr", "ImportValue", "GetAZs", "Condition")) {
                String key = fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn;
                this.yamlConstructors.put(new Tag("!" + fn), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode s) {
                            value = s.getValue();
                            if (fn.equals("GetAtt")) value = List.of(((String) value).split("\\.", 2));
                        } else if (node instanceof SequenceNode seq) {
                            value = constructSequence(seq);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(key, value);
                    }
                });
            }
        }
    }
}
