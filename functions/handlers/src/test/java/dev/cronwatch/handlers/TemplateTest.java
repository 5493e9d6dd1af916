package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.cronwatch.adapters.config.Settings;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.fakes.InMemoryTenantDirectory;
import dev.cronwatch.core.fakes.MutableClock;
import dev.cronwatch.core.fakes.RecordingPublisher;
import dev.cronwatch.core.fakes.RecordingQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml without SAM CLI: parsed with CloudFormation's short tags, then checked against the
 * code: handler classes, references, environment variables, and every route SPEC.md gives.
 */
class TemplateTest {
    private static final Set<String> PSEUDO = Set.of("AWS::Region", "AWS::AccountId", "AWS::StackName",
            "AWS::URLSuffix", "AWS::Partition", "AWS::NoValue", "AWS::StackId");
    /** SPEC.md's routes, method and path. */
    private static final List<String> SPEC_ROUTES = List.of(
            "POST /api/0/organizations/{org}/monitors/{slug}/checkins/",
            "PUT /api/0/organizations/{org}/monitors/{slug}/checkins/{checkInId}/",
            "POST /api/0/organizations/{org}/monitors/{slug}/checkins/{checkInId}/attachment/",
            "GET /api/{projectId}/cron/{slug}/{publicKey}/",
            "POST /api/{projectId}/cron/{slug}/{publicKey}/",
            "POST /api/{projectId}/envelope/",
            "GET /api/0/organizations/{org}/monitors/",
            "POST /api/0/organizations/{org}/monitors/",
            "GET /api/0/organizations/{org}/monitors/{slug}/",
            "PUT /api/0/organizations/{org}/monitors/{slug}/",
            "DELETE /api/0/organizations/{org}/monitors/{slug}/",
            "GET /api/0/organizations/{org}/monitors/{slug}/checkins/",
            "GET /api/0/organizations/{org}/monitors/{slug}/incidents/",
            "GET /api/0/organizations/{org}/monitors/{slug}/processing-errors/",
            "GET /api/0/organizations/{org}/processing-errors/");

    static Map<String, Object> template;
    static Map<String, Object> resources;
    static Map<String, Object> parameters;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws Exception {
        Path file = Path.of("../../template.yaml");
        template = new Yaml(new CloudFormationConstructor()).load(Files.readString(file));
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
            String handler = (String) properties(function).get("Handler");
            String className = handler.substring(0, handler.indexOf("::"));
            Class<?> type = Class.forName(className);
            assertThat(RequestHandler.class).as(className).isAssignableFrom(type);
            assertThat(type.getConstructor()).as("%s needs the no-argument constructor Lambda uses", className).isNotNull();
            handlers.add(className);
        }
        assertThat(handlers).containsExactlyInAnyOrder(HttpApiHandler.class.getName(),
                ProcessorHandler.class.getName(), ClockHandler.class.getName(), PagerDutyForwarder.class.getName());
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
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) template.get("Globals")).get("Function");
        Map<String, Object> global = (Map<String, Object>) ((Map<String, Object>) globals.get("Environment")).get("Variables");
        for (var entry : functions().entrySet()) {
            Map<String, Object> variables = new LinkedHashMap<>(global);
            Object own = properties(entry.getValue()).get("Environment");
            if (own != null) variables.putAll((Map<String, Object>) ((Map<String, Object>) own).get("Variables"));
            assertThat(variables).as(entry.getKey()).containsKeys(Settings.REQUIRED.toArray(String[]::new));
        }
    }

    @Test
    void theHttpApiHasEveryRouteOfTheSpecAndTheHandlerServesEach() {
        List<String> routes = new ArrayList<>();
        for (Map<String, Object> function : functions().values()) {
            Object events = properties(function).get("Events");
            if (!(events instanceof Map<?, ?> map)) continue;
            for (Object event : map.values()) {
                Map<?, ?> e = (Map<?, ?>) event;
                if (!"HttpApi".equals(e.get("Type"))) continue;
                Map<?, ?> p = (Map<?, ?>) e.get("Properties");
                routes.add(p.get("Method") + " " + p.get("Path"));
                assertThat(properties(function).get("Handler")).asString().startsWith(HttpApiHandler.class.getName());
            }
        }
        assertThat(routes).containsExactlyInAnyOrderElementsOf(SPEC_ROUTES);
        HttpApiHandler handler = new HttpApiHandler(new Services(new InMemoryMonitorStore(), new InMemoryTenantDirectory(),
                new RecordingQueue(), new RecordingPublisher(), MutableClock.at("2026-01-01T00:00:00Z"), UUID::randomUUID,
                Services.Limits.DEFAULTS));
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x1");
            var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build();
            var response = handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath(path).withHeaders(Map.of())
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).build()).build(), null);
            // unauthenticated or empty, so a 4xx of the route; a route the code lacks answers 404 "No such route" or 405
            assertThat(response.getStatusCode()).as(route + ": " + response.getBody()).isIn(400, 401);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQueueIsFifoWithADeadLetterQueueAndTheProcessorReportsPartialFailures() {
        Map<String, Object> queue = properties((Map<String, Object>) resources.get("CheckInQueue"));
        assertThat(queue).containsEntry("FifoQueue", true).containsKey("RedrivePolicy");
        Map<String, Object> events = (Map<String, Object>) properties(functions().get("ProcessorFunction")).get("Events");
        Map<String, Object> sqs = properties((Map<String, Object>) events.values().iterator().next());
        assertThat((List<Object>) sqs.get("FunctionResponseTypes")).containsExactly("ReportBatchItemFailures");
        Map<String, Object> table = properties((Map<String, Object>) resources.get("Table"));
        assertThat(((Map<String, Object>) table.get("TimeToLiveSpecification"))).containsEntry("AttributeName", "expiresAt");
        assertThat(template.get("Outputs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("ApiUrl", "TopicArn", "TableName");
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

    private static void walk(Object node, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Ref".equals(key)) checkName(String.valueOf(value), problems, "Ref");
                if ("Fn::GetAtt".equals(key)) {
                    String target = value instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(value).split("\\.")[0];
                    if (!resources.containsKey(target)) problems.add("GetAtt to unknown resource " + target);
                }
                if ("Fn::Sub".equals(key)) {
                    String text = value instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(value);
                    Matcher m = SUB.matcher(text);
                    while (m.find()) checkName(m.group(1).split("\\.")[0].replace("AWS::", "AWS::"), problems, "Sub");
                }
                walk(value, problems);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> walk(item, problems));
        }
    }

    private static void checkName(String name, List<String> problems, String how) {
        if (!resources.containsKey(name) && !parameters.containsKey(name) && !PSEUDO.contains(name)) {
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
