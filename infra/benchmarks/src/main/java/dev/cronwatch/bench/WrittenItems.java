package dev.cronwatch.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Counts items written (a transaction of four writes four): the unit the conditional-put ceiling is in. */
final class WrittenItems implements ExecutionInterceptor {
    private long items;

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof TransactWriteItemsRequest t) items += t.transactItems().size();
        else if (request instanceof BatchWriteItemRequest b) items += b.requestItems().values().stream().mapToInt(java.util.List::size).sum();
        else if (request instanceof PutItemRequest || request instanceof UpdateItemRequest || request instanceof DeleteItemRequest) items++;
    }

    synchronized long items() {
        return items;
    }
}
