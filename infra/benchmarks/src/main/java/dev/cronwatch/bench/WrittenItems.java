package dev.cronwatch.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counts items written (a transaction of four writes four): the unit the conditional-put ceiling is
 * in. Also keeps the size of the last whole item put of each kind (by sort-key prefix), so that the
 * cost tables can state what they assume.
 */
final class WrittenItems implements ExecutionInterceptor {
    private long items;
    private final Map<String, Integer> lastSize = new TreeMap<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof TransactWriteItemsRequest t) {
            items += t.transactItems().size();
            for (TransactWriteItem w : t.transactItems()) if (w.put() != null) sized(w.put().item());
        } else if (request instanceof BatchWriteItemRequest b) {
            items += b.requestItems().values().stream().mapToInt(List::size).sum();
        } else if (request instanceof PutItemRequest p) {
            items++;
            sized(p.item());
        } else if (request instanceof UpdateItemRequest || request instanceof DeleteItemRequest) {
            items++;
        }
    }

    private void sized(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get("sk");
        if (sk == null || sk.s() == null) return;
        lastSize.put(kind(sk.s()), ItemSize.of(item));
    }

    /** "M" (monitor), "M#" (environment), "CI#", "INC#", "OUT#", "ERR#" ... */
    static String kind(String sk) {
        int hash = sk.indexOf('#');
        return hash < 0 ? sk : sk.substring(0, hash + 1);
    }

    synchronized long items() {
        return items;
    }

    /** The size in bytes of the last item of this kind put, or -1 when none was. */
    synchronized int lastSize(String kind) {
        return lastSize.getOrDefault(kind, -1);
    }

    synchronized void forgetSizes() {
        lastSize.clear();
    }
}
