package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.ingest.CheckInCommand;
import dev.cronwatch.core.rules.CheckInIds;
import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.ManagementStore;
import dev.cronwatch.core.service.IngestService;
import dev.cronwatch.core.service.NotFoundException;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Check-ins in Sentry's three forms: the HTTP API, the relay cron URL, and envelopes. */
final class IngestApi {
    private final IngestService ingest;
    private final ManagementStore store;
    private final Credentials credentials;
    private final Supplier<UUID> ids;

    IngestApi(IngestService ingest, ManagementStore store, Credentials credentials, Supplier<UUID> ids) {
        this.ingest = ingest;
        this.store = store;
        this.credentials = credentials;
        this.ids = ids;
    }

    /** {@code POST …/monitors/{slug}/checkins/}: always a new run, so overlapping runs get their own ids. */
    APIGatewayV2HTTPResponse create(Request request, String organization, String slug) {
        DsnKey key = dsnKeyOf(request, organization);
        CheckInCommand command = CheckInPayload.command(key, slug, CheckInIds.newRun(ids), request.json(),
                false);
        return Response.json(201, Map.of("id", ingest.accept(command)));
    }

    /** {@code PUT …/checkins/{id|latest}/}. */
    APIGatewayV2HTTPResponse update(Request request, String organization, String slug, String checkInId) {
        DsnKey key = dsnKeyOf(request, organization);
        CheckInCommand command = CheckInPayload.command(key, slug, checkInId, request.json(), false);
        String id = ingest.accept(command);
        // "latest" is resolved by the processor: only an explicit id is known here for certain
        return Response.json(202, command.isLatest() ? Map.of() : Map.of("id", id));
    }

    /** {@code GET|POST /api/{projectId}/cron/{slug}/{publicKey}/}: the query string, or a JSON body. */
    APIGatewayV2HTTPResponse relay(Request request, String projectId, String slug, String publicKey) {
        DsnKey key = credentials.fromRelayUrl(publicKey, projectId);
        Map<String, Object> fields = new HashMap<>(request.query());
        fields.remove("sentry_key");
        if (request.hasBody()) fields.putAll(request.json());
        ingest.accept(CheckInPayload.command(key, slug, null, fields, true));
        return Response.json(202, Map.of());
    }

    /**
     * {@code POST /api/{projectId}/envelope/}: authenticated before the items are read, every check_in
     * item validated before any is queued.
     */
    APIGatewayV2HTTPResponse envelope(Request request, String projectId) {
        DsnKey key = Credentials.hasSentryAuth(request) ? credentials.fromSentryAuth(request, projectId)
                : credentials.fromEnvelopeDsn(Envelope.header(request.body()).get("dsn"), projectId);
        Envelope envelope = Envelope.parse(request.body());
        List<CheckInCommand> commands = new ArrayList<>();
        for (Envelope.Item item : envelope.items()) {
            if (!item.type().equals("check_in")) continue; // events, sessions…: not ours to keep
            Map<String, Object> payload = item.json();
            commands.add(CheckInPayload.command(key, Values.string(payload.get("monitor_slug"), "monitor_slug"), null,
                    payload, true));
        }
        commands.forEach(ingest::accept);
        return Response.json(200, Map.of());
    }

    /**
     * {@code POST …/checkins/{id|latest}/attachment/}: one file of at most 100 KB per check-in. The
     * upload is read and checked before the monitor is looked up.
     */
    APIGatewayV2HTTPResponse attachment(Request request, String organization, String slug, String checkInId) {
        DsnKey key = dsnKeyOf(request, organization);
        MonitorKey monitor = new MonitorKey(organization, CheckInPayload.slug(slug));
        String explicitId = checkInId.equals("latest") ? null : CheckInIds.canonical(checkInId);
        Multipart file = Multipart.file(request.header("content-type"), request.body(), "file");
        if (file.content().length > Attachment.MAX_BYTES) {
            throw new FieldError("file", "Attachments are limited to 100 KB.", 413);
        }
        if (store.monitor(monitor).filter(m -> m.projectId().equals(key.projectId())).isEmpty()) {
            throw new NotFoundException("monitor " + slug);
        }
        // An attachment needs a check-in of this monitor: an id of another monitor's is no such check-in.
        CheckIn checkIn = explicitId == null ? latestCheckIn(monitor)
                : store.checkIn(monitor, explicitId).orElseThrow(() -> new NotFoundException("check-in " + checkInId));
        String id = checkIn.id();
        if (!store.saveAttachment(new Attachment(monitor, id, file.filename(), file.contentType(), file.content()),
                checkIn)) {
            throw new FieldError("file", "This check-in already has an attachment.");
        }
        return Response.json(200, Map.of("id", id));
    }

    private CheckIn latestCheckIn(MonitorKey monitor) {
        List<CheckIn> newest = store.checkInsSince(monitor, null, null, null, 1).items();
        if (newest.isEmpty()) throw new NotFoundException("check-in latest");
        return newest.get(0);
    }

    /** A DSN reaches only its own organization; another one's path answers 404, as if it did not exist. */
    private DsnKey dsnKeyOf(Request request, String organization) {
        DsnKey key = credentials.fromDsnHeader(request);
        if (!key.organization().equals(organization)) throw Credentials.notYours("DSN's key", organization);
        return key;
    }
}
