package dev.cronwatch.handlers;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.cronwatch.adapters.dynamo.DynamoDecisionStore;
import dev.cronwatch.core.fakes.InMemoryMonitorStore;
import dev.cronwatch.core.port.AccessKeys;
import dev.cronwatch.core.port.AlertOutbox;
import dev.cronwatch.core.port.BadgeSummaries;
import dev.cronwatch.core.port.CredentialLookup;
import dev.cronwatch.core.port.DecisionStore;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.port.ProcessingErrorLog;
import dev.cronwatch.core.port.ProjectDirectory;
import dev.cronwatch.core.service.ClockService;
import dev.cronwatch.core.service.HealthchecksService;
import dev.cronwatch.core.service.IngestService;
import dev.cronwatch.core.service.MonitorService;
import dev.cronwatch.core.service.ProcessorService;
import dev.cronwatch.core.service.ProjectService;
import dev.cronwatch.core.service.TokenService;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The layering, on the compiled main classes of core, adapters and handlers (what the Lambda zip
 * holds): the domain is pure, the ports know no rules, only the adapters speak AWS, the handlers reach
 * the table through the ports, and nothing goes round in circles.
 */
class ArchitectureTest {
    /** The main classes of core, adapters and handlers, read where the build put them (a directory or a jar). */
    static final JavaClasses MAIN = new ClassFileImporter().importLocations(Set.of(
            moduleOf(ProcessorService.class), moduleOf(DynamoDecisionStore.class), moduleOf(Wiring.class)));
    private static final String CORE = "dev.cronwatch.core..";
    private static final String ADAPTERS = "dev.cronwatch.adapters..";
    private static final String HANDLERS = "dev.cronwatch.handlers..";
    private static final String AWS_SDK = "software.amazon.awssdk..";
    private static final String PORTS = "dev.cronwatch.core.port..";
    private static final String SERVICES = "dev.cronwatch.core.service..";
    private static final Class<?>[] TABLE_PORTS = {
        DecisionStore.class, AlertOutbox.class, ManagementStore.class, ProcessingErrorLog.class, ProjectDirectory.class,
        AccessKeys.class, BadgeSummaries.class};

    private static Location moduleOf(Class<?> type) {
        try {
            return Location.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rules below would pass on nothing: they must see each module's main classes, and no test class. */
    @Test
    void seesTheMainClassesOfEveryModule() {
        assertThat(MAIN.contain(Wiring.class)).isTrue();
        assertThat(MAIN.contain(DynamoDecisionStore.class)).isTrue();
        assertThat(MAIN.contain(ProcessorService.class)).isTrue();
        assertThat(MAIN.contain(ArchitectureTest.class)).isFalse();
        assertThat(MAIN.contain(InMemoryMonitorStore.class)).isFalse();
    }

    /** The JDK's HMAC ({@code javax.crypto}) is pure computation, like {@code java.security}'s digests. */
    @Test
    void theCoreImportsNothingOutsideJava() {
        classes().that().resideInAPackage(CORE)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", CORE).check(MAIN);
    }

    @Test
    void thePortsKnowNoRulesServicesOrClock() {
        noClasses().that().resideInAPackage("dev.cronwatch.core.port..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cronwatch.core.rules..",
                        "dev.cronwatch.core.service..").check(MAIN);
    }

    /** And the stand-in for one of the SDK's own classes, which must sit at the zip's root to be found first. */
    /**
     * The table's ports: interfaces of the core, each one used by a core service, and implemented in the
     * zip only by an adapter (a service never reaches past its port to another store).
     */
    @Test
    void theTablesPorts_areCoreInterfaces_usedByCoreServices_implementedOnlyInAdapters() {
        classes().that(belongToAnyOf(TABLE_PORTS)).should().beInterfaces().andShould().resideInAPackage(PORTS)
                .andShould(beUsedBy(SERVICES)).check(MAIN);
        // the credentials of every request are the HTTP layer's: it authenticates before any service runs
        classes().that(belongToAnyOf(CredentialLookup.class)).should().beInterfaces().andShould().resideInAPackage(PORTS)
                .andShould(beUsedBy(HANDLERS)).check(MAIN);
        classes().that().implement(DecisionStore.class).or().implement(AlertOutbox.class)
                .or().implement(ManagementStore.class).or().implement(ProcessingErrorLog.class)
                .or().implement(CredentialLookup.class).or().implement(ProjectDirectory.class)
                .or().implement(AccessKeys.class).or().implement(BadgeSummaries.class)
                .should().resideInAPackage(ADAPTERS).check(MAIN);
    }

    private static ArchCondition<JavaClass> beUsedBy(String packageIdentifier) {
        return new ArchCondition<>("be used by a class in " + packageIdentifier) {
            @Override
            public void check(JavaClass port, ConditionEvents events) {
                boolean used = port.getDirectDependenciesToSelf().stream()
                        .anyMatch(d -> d.getOriginClass().getPackageName().startsWith(packageIdentifier.replace("..", "")));
                events.add(new SimpleConditionEvent(port, used, port.getName() + " is not used by " + packageIdentifier));
            }
        };
    }

    @Test
    void onlyTheAdaptersTalkToAws() {
        noClasses().that().resideOutsideOfPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAPackage(AWS_SDK).check(MAIN);
    }

    /** The composition root builds the DynamoDB adapters; every handler goes through the ports. */
    @Test
    void theHandlersDoNotReachDynamoDbDirectly() {
        noClasses().that().resideInAPackage(HANDLERS)
                .and(not(belongToAnyOf(Wiring.class)))
                .should().dependOnClassesThat().resideInAnyPackage("dev.cronwatch.adapters.dynamo..",
                        "software.amazon.awssdk.services.dynamodb..").check(MAIN);
    }

    /**
     * The core composes an alert (a record); the forms people read are rendered where the alert is
     * delivered (adapters.alert), so the core formats no text, dates or links for them.
     */
    @Test
    void theCoreComposesAlertsAndRendersNone() {
        noClasses().that().resideInAPackage(CORE)
                .should().haveSimpleNameEndingWith("Renderer").orShould().haveSimpleNameStartingWith("Rendered")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.time.format..", "java.net..")
                .check(MAIN);
    }

    @Test
    void noCyclesBetweenCorePackages() {
        slices().matching("dev.cronwatch.core.(*)..")
                .should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void coreThenAdaptersThenHandlers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy(CORE)
                .layer("adapters").definedBy(ADAPTERS)
                .layer("handlers").definedBy(HANDLERS)
                .whereLayer("handlers").mayNotBeAccessedByAnyLayer()
                .whereLayer("adapters").mayOnlyBeAccessedByLayers("handlers")
                .whereLayer("core").mayOnlyBeAccessedByLayers("adapters", "handlers").check(MAIN);
    }

    /** Fakes and fixtures live in the test-jars; nothing the zip holds is one of them or uses one. */
    @Test
    void noTestCodeInTheZip() {
        noClasses().should().resideInAnyPackage("dev.cronwatch.core.fakes..",
                "dev.cronwatch.adapters.testing..")
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.cronwatch.core.fakes..",
                        "dev.cronwatch.adapters.testing..", "org.junit..", "org.assertj..").check(MAIN);
    }

    /**
     * Each function builds only the use cases it serves: whatever its constructors reach (calls, and the
     * static initialisers of the classes whose fields they read) constructs none of another function's.
     */
    @Test
    void eachFunctionBuildsOnlyTheUseCasesItServes() {
        assertThat(built(IngestHandler.class)).contains(IngestService.class.getName())
                .doesNotContain(names(ProcessorService.class, ClockService.class, MonitorService.class,
                        HealthchecksService.class, ProjectService.class, TokenService.class));
        assertThat(built(ManagementHandler.class)).contains(MonitorService.class.getName())
                .doesNotContain(names(ProcessorService.class, ClockService.class, IngestService.class));
        assertThat(built(ProcessorHandler.class)).contains(ProcessorService.class.getName())
                .doesNotContain(names(ClockService.class, MonitorService.class, IngestService.class));
        for (Class<?> clock : List.of(ClockHandler.class, ClockShardHandler.class)) {
            assertThat(built(clock)).as(clock.getSimpleName()).contains(ClockService.class.getName())
                    .doesNotContain(names(MonitorService.class, IngestService.class));
        }
    }

    private static String[] names(Class<?>... types) {
        return Arrays.stream(types).map(Class::getName).toArray(String[]::new);
    }

    /** The classes of ours that a handler's constructors construct, however deep the calls. */
    private static Set<String> built(Class<?> handler) {
        Deque<JavaCodeUnit> toVisit = new ArrayDeque<>(MAIN.get(handler).getConstructors());
        Set<JavaCodeUnit> seen = new HashSet<>(toVisit);
        Set<String> built = new HashSet<>();
        while (!toVisit.isEmpty()) {
            JavaCodeUnit unit = toVisit.pop();
            List<JavaCodeUnit> next = new ArrayList<>();
            for (JavaConstructorCall call : unit.getConstructorCallsFromSelf()) {
                built.add(call.getTargetOwner().getName());
                call.getTarget().resolveMember().ifPresent(next::add);
            }
            for (JavaMethodCall call : unit.getMethodCallsFromSelf()) call.getTarget().resolveMember().ifPresent(next::add);
            for (JavaFieldAccess access : unit.getFieldAccesses()) {
                access.getTargetOwner().getStaticInitializer().ifPresent(next::add);
            }
            for (JavaCodeUnit reached : next) {
                if (reached.getOwner().getPackageName().startsWith("dev.cronwatch") && seen.add(reached)) toVisit.push(reached);
            }
        }
        return built;
    }

    /**
     * Each Lambda entry point (template.yaml's handlers) has two constructors: none for Lambda, and one
     * that takes its wiring (for tests and local mode); a third would be a second way to build it.
     */
    @Test
    void everyHandlerHasALambdaConstructorAndOneTakingItsWiring() throws Exception {
        List<String> handlers = Pattern.compile("Handler: ([\\w.]+)::handleRequest")
                .matcher(Files.readString(Path.of("../../template.yaml"))).results().map(m -> m.group(1)).toList();
        assertThat(handlers).hasSizeGreaterThanOrEqualTo(6);
        for (String name : handlers) {
            // a private one is a step of the Lambda constructor's, not a way to build the handler
            assertThat(MAIN.get(name).getConstructors().stream().filter(c -> !c.getModifiers().contains(JavaModifier.PRIVATE)))
                    .as(name).hasSize(2)
                    .anySatisfy(c -> assertThat(c.getRawParameterTypes()).isEmpty())
                    .allSatisfy(c -> assertThat(c.getModifiers()).contains(JavaModifier.PUBLIC));
        }
    }
}
