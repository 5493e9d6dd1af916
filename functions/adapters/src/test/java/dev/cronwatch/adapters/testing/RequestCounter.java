package dev.cronwatch.adapters.testing;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts the requests a client sends, per operation, and sums the capacity DynamoDB reports (when the
 * request asked for it with {@code ReturnConsumedCapacity.TOTAL}) and the items it returned. It is
 * how tests and benchmarks hold the cost of an operation to account: register it on the client with
 * {@code overrideConfiguration(c -> c.addExecutionInterceptor(counter))}.
 *
 * <p>A request is counted once per call, not per HTTP attempt: an SDK retry is the SDK's business,
 * the design's cost is the calls the code makes.
 */
public final class RequestCounter implements ExecutionInterceptor {
    private final Map<String, Integer> requests = new TreeMap<>();
    private final Map<String, Integer> itemsRead = new TreeMap<>();
    private double readCapacity;
    private double writeCapacity;

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        requests.merge(operation(context.request(), attributes), 1, Integer::sum);
    }

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = operation(context.request(), attributes);
        Object response = context.response();
        int items = itemsIn(response);
        if (items > 0) itemsRead.merge(operation, items, Integer::sum);
        for (ConsumedCapacity capacity : capacityIn(response)) {
            if (capacity.readCapacityUnits() != null) readCapacity += capacity.readCapacityUnits();
            if (capacity.writeCapacityUnits() != null) writeCapacity += capacity.writeCapacityUnits();
            // DynamoDB Local and some operations report only the total: count it where the operation points.
            if (capacity.readCapacityUnits() == null && capacity.writeCapacityUnits() == null
                    && capacity.capacityUnits() != null) {
                if (isWrite(operation)) writeCapacity += capacity.capacityUnits();
                else readCapacity += capacity.capacityUnits();
            }
        }
    }

    private static String operation(SdkRequest request, ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return name != null ? name : request.getClass().getSimpleName().replace("Request", "");
    }

    private static boolean isWrite(String operation) {
        return operation.startsWith("Put") || operation.startsWith("Update") || operation.startsWith("Delete")
                || operation.startsWith("BatchWrite") || operation.startsWith("TransactWrite");
    }

    private static int itemsIn(Object response) {
        if (response instanceof GetItemResponse r) return r.hasItem() && !r.item().isEmpty() ? 1 : 0;
        if (response instanceof QueryResponse r) return r.count() == null ? 0 : r.count();
        if (response instanceof ScanResponse r) return r.count() == null ? 0 : r.count();
        if (response instanceof BatchGetItemResponse r) {
            return r.responses().values().stream().mapToInt(java.util.List::size).sum();
        }
        if (response instanceof TransactGetItemsResponse r) return r.responses().size();
        return 0;
    }

    private static java.util.List<ConsumedCapacity> capacityIn(Object response) {
        ConsumedCapacity single = null;
        if (response instanceof GetItemResponse r) single = r.consumedCapacity();
        else if (response instanceof QueryResponse r) single = r.consumedCapacity();
        else if (response instanceof ScanResponse r) single = r.consumedCapacity();
        else if (response instanceof PutItemResponse r) single = r.consumedCapacity();
        else if (response instanceof UpdateItemResponse r) single = r.consumedCapacity();
        else if (response instanceof DeleteItemResponse r) single = r.consumedCapacity();
        else if (response instanceof BatchGetItemResponse r) return r.consumedCapacity();
        else if (response instanceof BatchWriteItemResponse r) return r.consumedCapacity();
        else if (response instanceof TransactWriteItemsResponse r) return r.consumedCapacity();
        else if (response instanceof TransactGetItemsResponse r) return r.consumedCapacity();
        return single == null ? java.util.List.of() : java.util.List.of(single);
    }

    /** Requests per operation name ("Query", "BatchGetItem", ...), in name order. */
    public synchronized Map<String, Integer> requests() {
        return Map.copyOf(requests);
    }

    public synchronized int requests(String operation) {
        return requests.getOrDefault(operation, 0);
    }

    public synchronized int totalRequests() {
        return requests.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Items returned by reads, per operation. */
    public synchronized int itemsRead(String operation) {
        return itemsRead.getOrDefault(operation, 0);
    }

    public synchronized int totalItemsRead() {
        return itemsRead.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized double readCapacity() {
        return readCapacity;
    }

    public synchronized double writeCapacity() {
        return writeCapacity;
    }

    public synchronized void reset() {
        requests.clear();
        itemsRead.clear();
        readCapacity = 0;
        writeCapacity = 0;
    }

    @Override
    public synchronized String toString() {
        return "requests=" + requests + " itemsRead=" + itemsRead
                + String.format(" RCU=%.1f WCU=%.1f", readCapacity, writeCapacity);
    }
}
