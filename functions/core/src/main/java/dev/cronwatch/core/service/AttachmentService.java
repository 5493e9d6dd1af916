package dev.cronwatch.core.service;

import dev.cronwatch.core.monitor.Attachment;
import dev.cronwatch.core.monitor.CheckIn;
import dev.cronwatch.core.monitor.MonitorKey;
import dev.cronwatch.core.port.MonitorStore;
import dev.cronwatch.core.rules.CheckInIds;
import dev.cronwatch.core.tenant.DsnKey;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.SlugRule;
import java.util.List;

/**
 * Attachments (docs/spec.md §3): one file of at most {@link Attachment#MAX_BYTES} per check-in, only
 * through its own monitor, which must be of the key's project. The file is checked before anything
 * is read.
 */
public final class AttachmentService {
    private final MonitorStore store;

    public AttachmentService(MonitorStore store) {
        this.store = store;
    }

    /**
     * Stores the file as the attachment of the check-in {@code checkInId} names ({@code latest}: the
     * monitor's newest); returns that check-in's id.
     */
    public String attach(DsnKey key, String slug, String checkInId, String filename, String contentType,
                         byte[] content) {
        MonitorKey monitor = new MonitorKey(key.organization(), SlugRule.MONITOR.check(slug, "monitor_slug"));
        String explicitId = checkInId.equals("latest") ? null : CheckInIds.canonical(checkInId);
        if (content.length > Attachment.MAX_BYTES) {
            throw new FieldError("file", "Attachments are limited to 100 KB.", FieldError.Kind.TOO_LARGE);
        }
        if (store.monitor(monitor).filter(m -> m.projectId().equals(key.projectId())).isEmpty()) {
            throw new NotFoundException("monitor " + slug);
        }
        // An attachment needs a check-in of this monitor: an id of another monitor's is no such check-in.
        CheckIn checkIn = explicitId == null ? latestCheckIn(monitor)
                : store.checkIn(monitor, explicitId).orElseThrow(() -> new NotFoundException("check-in " + checkInId));
        if (!store.saveAttachment(new Attachment(monitor, checkIn.id(), filename, contentType, content), checkIn)) {
            throw new FieldError("file", "This check-in already has an attachment.");
        }
        return checkIn.id();
    }

    private CheckIn latestCheckIn(MonitorKey monitor) {
        List<CheckIn> newest = store.checkIns(monitor, null, null, 1).items();
        if (newest.isEmpty()) throw new NotFoundException("check-in latest");
        return newest.get(0);
    }
}
