package dev.cronwatch.core.healthchecks;

import dev.cronwatch.core.ingest.Slugs;
import dev.cronwatch.core.monitor.Monitor;
import dev.cronwatch.core.monitor.MonitorConfig;
import dev.cronwatch.core.monitor.MonitorEnvironment;
import dev.cronwatch.core.monitor.PingCheck;
import dev.cronwatch.core.monitor.PingState;
import dev.cronwatch.core.schedule.InvalidScheduleException;
import dev.cronwatch.core.schedule.Schedule;
import dev.cronwatch.core.schedule.SimpleSchedule;
import dev.cronwatch.core.validation.SlugRule;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * A Healthchecks check and the monitor that is it (docs/spec.md §14.3): a spec made into a monitor's
 * config and ping options, and a monitor with its {@code production} environment shown as a check.
 */
public final class CheckMapping {
    /** Healthchecks' model defaults: a simple check of one day with an hour's grace, in UTC. */
    public static final long DEFAULT_TIMEOUT = 86_400;
    public static final int DEFAULT_GRACE = 3_600;
    public static final String DEFAULT_TZ = "UTC";
    /** What {@code unique} may list, each read from a spec and from a check. */
    private static final Map<String, UniqueField> UNIQUE_FIELDS = Map.of(
            "name", new UniqueField(CheckSpec::name, CheckView::name),
            "slug", new UniqueField(CheckSpec::slug, CheckView::slug),
            "tags", new UniqueField(CheckSpec::tags, CheckView::tags),
            "timeout", new UniqueField(CheckSpec::timeout, CheckView::timeout),
            "grace", new UniqueField(CheckSpec::grace, CheckView::grace));

    private record UniqueField(Function<CheckSpec, Object> ofSpec, Function<CheckView, Object> ofCheck) {
    }

    private CheckMapping() {
    }

    /** A new check's config: the spec's values, Healthchecks' defaults for the rest. */
    public static MonitorConfig newConfig(CheckSpec spec) {
        Schedule schedule = schedule(spec, null);
        return MonitorConfig.healthchecks(schedule != null ? schedule : simple(DEFAULT_TIMEOUT),
                spec.tz() != null ? spec.tz() : DEFAULT_TZ, spec.grace() != null ? spec.grace().intValue() : DEFAULT_GRACE);
    }

    /** An existing check's config with what the spec sends; a schedule wins over a timeout, as in Healthchecks. */
    public static MonitorConfig updatedConfig(MonitorConfig existing, CheckSpec spec) {
        Schedule schedule = schedule(spec, existing.schedule());
        int grace = spec.grace() != null ? spec.grace().intValue()
                : existing.graceSeconds() != null ? existing.graceSeconds() : (int) existing.margin().toSeconds();
        return MonitorConfig.healthchecks(schedule, spec.tz() != null ? spec.tz() : existing.timezone(), grace);
    }

    private static Schedule schedule(CheckSpec spec, Schedule unchanged) {
        CheckSpec.Kind kind = spec.kind();
        if (kind == null) return unchanged;
        if (kind == CheckSpec.Kind.SIMPLE) return simple(spec.timeout());
        return CheckSpec.schedule(spec.schedule());
    }

    private static SimpleSchedule simple(long seconds) {
        try {
            return SimpleSchedule.ofSeconds(seconds);
        } catch (InvalidScheduleException e) {
            throw new IllegalStateException("a validated timeout: " + seconds, e);
        }
    }

    /** A new check's ping options, with its new random code. */
    public static PingCheck newPing(CheckSpec spec, String pingCode) {
        return updatedPing(PingCheck.withCode(pingCode), spec);
    }

    public static PingCheck updatedPing(PingCheck existing, CheckSpec spec) {
        return new PingCheck(existing.pingCode(),
                spec.manualResume() != null ? spec.manualResume() : existing.manualResume(),
                spec.methods() != null ? spec.methods().equals("POST") : existing.postOnly(),
                spec.tags() != null ? CheckSpec.tagList(spec.tags()) : existing.tags(),
                spec.desc() != null ? spec.desc() : existing.description(), spec.keywords().applyTo(existing.filter()),
                spec.channels() != null ? StackChannel.alerts(spec.channels()) : existing.alerts());
    }

    /** The name a new check gets: the spec's, else Healthchecks' empty default shown as its slug. */
    public static String name(CheckSpec spec, String slug) {
        return spec.name() != null && !spec.name().isBlank() ? spec.name() : slug;
    }

    /** The slug a new check gets: the spec's, else its name slugified, else one made from its code. */
    public static String slug(CheckSpec spec, String pingCode) {
        if (spec.slug() != null && !spec.slug().isEmpty()) return spec.slug();
        String fromName = spec.name() == null ? "" : Slugs.slugify(spec.name(), SlugRule.MAX_CHECK_LENGTH);
        return !fromName.isEmpty() && !fromName.chars().allMatch(Character::isDigit) ? fromName
                : "check-" + pingCode.substring(0, 8);
    }

    /** A field {@code unique} may list, as the spec sends it; null when not sent. */
    public static Object specValue(CheckSpec spec, String field) {
        return uniqueField(field).ofSpec().apply(spec);
    }

    /** The same field of a check, to compare with {@link #specValue}. */
    public static Object checkValue(CheckView check, String field) {
        return uniqueField(field).ofCheck().apply(check);
    }

    private static UniqueField uniqueField(String field) {
        UniqueField accessors = UNIQUE_FIELDS.get(field);
        if (accessors == null) throw new IllegalArgumentException(field);
        return accessors;
    }

    /** A monitor with its {@code production} environment (null before its first ping), at {@code now}. */
    public static CheckView view(Monitor monitor, MonitorEnvironment env, Instant now) {
        PingCheck ping = monitor.ping();
        MonitorConfig config = monitor.config();
        long grace = config.graceSeconds() != null ? config.graceSeconds() : config.margin().toSeconds();
        Schedule schedule = config.schedule();
        Long timeout = schedule instanceof SimpleSchedule simple ? simple.seconds() : null;
        String expression = timeout == null ? String.valueOf(schedule.wireValue()) : null;
        PingState state = PingState.of(env, now);
        Long lastDuration = state.lastDuration() == null || state.lastDuration().toSeconds() == 0 ? null
                : state.lastDuration().toSeconds();
        return new CheckView(ping.pingCode(), monitor.projectId(), monitor.name(), monitor.key().slug(),
                String.join(" ", ping.tags()), ping.description(), grace, timeout, expression,
                timeout == null ? (config.timezone() != null ? config.timezone() : DEFAULT_TZ) : null,
                ping.manualResume(), ping.postOnly() ? "POST" : "", state.status().wireName(), state.started(),
                state.lastPing(), state.nextPing(), lastDuration,
                env == null ? 0 : env.pings(), ping.filter(), StackChannel.of(ping.alerts()));
    }
}
