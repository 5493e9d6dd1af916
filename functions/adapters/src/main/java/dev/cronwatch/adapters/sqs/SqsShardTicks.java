package dev.cronwatch.adapters.sqs;

import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.port.ShardTicks;
import dev.cronwatch.core.queue.ShardTick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The clock's shard queue: a standard queue, one message per shard of the due index and tick (and one
 * per tail pass, naming its organizations), taken by the shard workers one at a time. Standard, not
 * FIFO: the shards are independent, and a message delivered twice queues judgements the check-in
 * queue keeps once.
 */
public final class SqsShardTicks implements ShardTicks {
    private static final int BATCH = 10;

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    /** The client is asked for at the first send: a process that never sends never builds one. */
    public SqsShardTicks(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Throws if a shard tick could not be sent (after one more try): the next tick sends its shard again. */
    @Override
    public void send(List<ShardTick> ticks) {
        send(ticks, 0);
    }

    /** SQS delays each message by whole seconds (at most 900): the delay rounded up. */
    @Override
    public void sendAfter(List<ShardTick> ticks, Duration delay) {
        send(ticks, (int) Math.min(900, (delay.toMillis() + 999) / 1000));
    }

    private void send(List<ShardTick> ticks, int delaySeconds) {
        if (queueUrl == null) throw new IllegalStateException("no shard queue is configured");
        for (int from = 0; from < ticks.size(); from += BATCH) {
            List<ShardTick> batch = ticks.subList(from, Math.min(ticks.size(), from + BATCH));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(encode(batch.get(i))).delaySeconds(delaySeconds).build());
            }
            SqsBatches.send(sqs.get(), queueUrl, entries, "shard tick(s)");
        }
    }

    public static String encode(ShardTick tick) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shard", tick.shard());
        body.put("tick", tick.tick().toString());
        if (tick.isTail()) body.put("organizations", List.copyOf(new TreeSet<>(tick.organizations())));
        return Json.write(body);
    }

    /** A body this version did not write is poison: {@link MalformedMessageException}. */
    public static ShardTick decode(String body) {
        try {
            Map<String, Object> fields = Json.parseObject(body);
            if (!(fields.get("shard") instanceof Number shard) || !(fields.get("tick") instanceof String tick)) {
                throw new IllegalArgumentException("a shard tick needs \"shard\" (a number) and \"tick\" (an instant)");
            }
            Object organizations = fields.getOrDefault("organizations", List.of());
            if (!(organizations instanceof List<?> names) || !names.stream().allMatch(String.class::isInstance)) {
                throw new IllegalArgumentException("a tail pass's \"organizations\" are a list of names");
            }
            Set<String> tailOf = new TreeSet<>();
            names.forEach(name -> tailOf.add((String) name));
            return new ShardTick(shard.intValue(), Instant.parse(tick), tailOf);
        } catch (RuntimeException e) {
            throw new MalformedMessageException("not a shard tick: " + e.getMessage(), e);
        }
    }
}
