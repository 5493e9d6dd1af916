package dev.cronwatch.core.fakes;

import dev.cronwatch.core.ingest.CheckInMessage;
import dev.cronwatch.core.port.CheckInQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A queue that keeps what was sent, de-duplicating by id as SQS FIFO does. */
public final class RecordingQueue implements CheckInQueue {
    private final List<CheckInMessage> messages = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    @Override
    public synchronized void send(CheckInMessage message, String deduplicationId) {
        if (seen.add(deduplicationId)) messages.add(message);
    }

    public synchronized List<CheckInMessage> drain() {
        List<CheckInMessage> out = List.copyOf(messages);
        messages.clear();
        return out;
    }

    public synchronized List<CheckInMessage> messages() {
        return List.copyOf(messages);
    }
}
