package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.core.ingest.CheckInCommand;
import dev.cronwatch.core.service.AttachmentService;
import dev.cronwatch.core.service.IngestService;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.validation.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Check-ins in Sentry's three forms: the HTTP API, the relay cron URL, and envelopes. */
final class IngestApi {
    private final IngestService ingest;
    private final AttachmentService attachments;
    private final Credentials credentials;

    IngestApi(IngestService ingest, AttachmentService attachments, Credentials credentials) {
        this.ingest = ingest;
        this.attachments = attachments;
        this.credentials = credentials;
    }

    /**
     * {@code POST …/monitors/{slug}/checkins/}: always a new run, so overlapping runs get their own ids;
     * the body's {@code check_in_id} is not read, since the service makes the run's id.
     */
    APIGatewayV2HTTPResponse create(Request request, String organization, String slug) {
        DsnKey key = dsnKeyOf(request, organization);
        CheckInCommand command = CheckInPayload.command(key, slug, null, request.json(), false);
        return Response.json(201, Map.of("id", ingest.startRun(command)));
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
        ingest.accept(CheckInPayload.command(key, slug, CheckInPayload.bodyCheckInId(fields), fields, true));
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
            if (!item.type().equals(Envelope.CHECK_IN)) continue; // events, sessions…: not ours to keep
            Map<String, Object> payload = item.json();
            commands.add(CheckInPayload.command(key, Values.string(payload.get("monitor_slug"), "monitor_slug"),
                    CheckInPayload.bodyCheckInId(payload), payload, true));
        }
        commands.forEach(ingest::accept);
        return Response.json(200, Map.of());
    }

    /**
     * {@code POST …/checkins/{id|latest}/attachment/}: the upload is read here, the rules are
     * {@link AttachmentService}'s.
     */
    APIGatewayV2HTTPResponse attachment(Request request, String organization, String slug, String checkInId) {
        DsnKey key = dsnKeyOf(request, organization);
        String monitorSlug = CheckInPayload.slug(slug);
        Multipart file = Multipart.file(request.header("content-type"), request.body(), "file");
        String id = attachments.attach(key, monitorSlug, checkInId, file.filename(), file.contentType(), file.content());
        return Response.json(200, Map.of("id", id));
    }

    /** A DSN reaches only its own organization; another one's path answers 404, as if it did not exist. */
    private DsnKey dsnKeyOf(Request request, String organization) {
        DsnKey key = credentials.fromDsnHeader(request);
        if (!key.organization().equals(organization)) throw Credentials.notYours("DSN's key", organization);
        return key;
    }
}
