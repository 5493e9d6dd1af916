package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronwatch.adapters.sqs.SqsShardTicks;
import dev.cronwatch.core.queue.ShardTick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The clock's dispatcher sends its shard ticks to a standard queue (SQS's API, here ElasticMQ's) in a
 * form the worker reads back: the one call of the dispatcher the in-process suite cannot make, since
 * local mode hands its shard ticks to a thread pool instead.
 */
class ShardQueueOnElasticMqTest {
    static final Instant TICK = Instant.parse("2026-01-01T01:02:00Z");

    @Test
    void everyShardTickSentIsReceivedAsSent() {
        try (ElasticMq elasticMq = new ElasticMq()) {
            var sqs = elasticMq.sqs();
            String url = sqs.createQueue(b -> b.queueName("clock-shards")).queueUrl();
            List<ShardTick> sent = new ArrayList<>(IntStream.range(0, 23).mapToObj(n -> new ShardTick(n, TICK)).toList());
            // the tail passes a head pass hands over, each naming the organizations it queues
            sent.add(new ShardTick(4, TICK, Set.of("big")));
            sent.add(new ShardTick(7, TICK, Set.of("big", "bigger_one", "a-3")));
            new SqsShardTicks(() -> sqs, url).send(sent);
            List<ShardTick> received = new ArrayList<>();
            for (int tries = 0; tries < 20 && received.size() < sent.size(); tries++) {
                sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()
                        .forEach(m -> received.add(SqsShardTicks.decode(m.body())));
            }
            assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        }
    }
}
