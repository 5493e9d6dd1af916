package dev.cronwatch.bench;

/**
 * Dollars from the request counts measured above and AWS list prices (us-east-1, on-demand). This
 * machine cannot reach AWS's price pages, so the prices are the published ones as of the date below:
 * check them before quoting.
 */
final class CostModel {
    static final String PRICES_AS_OF = "2025-06 (published list prices; not re-checked: no network here)";
    // https://aws.amazon.com/dynamodb/pricing/on-demand/ (after the 2024-11-01 reduction)
    static final double DYNAMODB_PER_MILLION_WRITE_UNITS = 0.625;
    static final double DYNAMODB_PER_MILLION_READ_UNITS = 0.125;
    static final double DYNAMODB_PER_GB_MONTH = 0.25;
    // https://aws.amazon.com/lambda/pricing/ (arm64)
    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
    static final double LAMBDA_PER_GB_SECOND = 0.0000133334;
    // https://aws.amazon.com/sqs/pricing/ (FIFO)
    static final double SQS_FIFO_PER_MILLION_REQUESTS = 0.50;
    // https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs, first 300 million)
    static final double HTTP_API_PER_MILLION_REQUESTS = 1.00;
    static final double FUNCTION_GB = 1.0; // template.yaml: 1024 MB
    /** An estimate, not measured here: a check-in item with its byParent index copy. */
    static final double CHECK_IN_BYTES_STORED = 2 * 450;

    private final Report report;

    CostModel(Report report) {
        this.report = report;
    }

    void run(int retentionDays) {
        report.section("5. Cost (prices as of " + PRICES_AS_OF + ")");
        double processorWcu = (report.get("write units: in_progress (start of a run)") + report.get("write units: ok closing that run")) / 2;
        double processorRcu = 2.0; // one BatchGetItem of the monitor and the environment, strongly consistent, < 4 KB each
        double httpWcu = 1.0; // the HTTP function's UpdateItem of the queue marker
        double httpSeconds = report.get("HTTP accept p50") / 1000.0;
        double batchSeconds = 10.0 / report.get("processor check-ins/s");

        double perCheckIn = DYNAMODB_PER_MILLION_WRITE_UNITS * (processorWcu + httpWcu) / 1e6
                + DYNAMODB_PER_MILLION_READ_UNITS * processorRcu / 1e6
                + HTTP_API_PER_MILLION_REQUESTS / 1e6
                + SQS_FIFO_PER_MILLION_REQUESTS * 1.2 / 1e6 // send, and a tenth each of a receive and a delete batch
                + LAMBDA_PER_MILLION_REQUESTS * 1.1 / 1e6 // the HTTP invocation and a tenth of a processor batch
                + LAMBDA_PER_GB_SECOND * FUNCTION_GB * (httpSeconds + batchSeconds / 10);
        report.figure("dollars per million check-ins", perCheckIn * 1e6, "USD",
                String.format("%.1f WCU + %.0f RCU each in DynamoDB", processorWcu + httpWcu, processorRcu));

        double checkInsPerMonth = 10_000 * (30.0 * 24 * 12) * 2;
        double clockPerMonth = 43_200 * (LAMBDA_PER_MILLION_REQUESTS / 1e6 + LAMBDA_PER_GB_SECOND * FUNCTION_GB * 0.1
                + DYNAMODB_PER_MILLION_READ_UNITS * 1 / 1e6);
        double storedGb = checkInsPerMonth / 30 * retentionDays * CHECK_IN_BYTES_STORED / 1e9;
        double monthly = checkInsPerMonth * perCheckIn + clockPerMonth + storedGb * DYNAMODB_PER_GB_MONTH;
        report.line("10,000 monitors every 5 minutes, start and finish: %,.0f check-ins a month", checkInsPerMonth);
        report.figure("per month: check-ins", checkInsPerMonth * perCheckIn, "USD", null);
        report.figure("per month: clock (43,200 ticks, nothing due)", clockPerMonth, "USD", null);
        report.figure("per month: storage of " + retentionDays + " days of check-ins", storedGb * DYNAMODB_PER_GB_MONTH, "USD",
                String.format("%.0f GB (estimated item size)", storedGb));
        report.figure("per month: total", monthly, "USD", String.format("%.2f cents per monitor", monthly / 10_000 * 100));
    }
}
