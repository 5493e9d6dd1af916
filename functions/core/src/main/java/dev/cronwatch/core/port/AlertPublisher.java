package dev.cronwatch.core.port;

import dev.cronwatch.core.alert.PendingAlert;

/** Where alerts go out (SNS when deployed, the console in local mode). Delivery is at least once. */
public interface AlertPublisher {
    void publish(PendingAlert alert);
}
