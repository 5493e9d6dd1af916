package dev.cronwatch.operator;

import dev.cronwatch.handlers.OperatorCommands;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** A deployed stack's outputs (TableName, TopicArn, ApiUrl…), read with the operator's own credentials. */
public final class StackOutputs {
    private final String stack;
    private final String region;
    private final Map<String, String> values;

    private StackOutputs(String stack, String region, Map<String, String> values) {
        this.stack = stack;
        this.region = region;
        this.values = values;
    }

    public static StackOutputs read(CloudFormationClient cloudFormation, String stack, String region) {
        Stack found;
        try {
            found = cloudFormation.describeStacks(b -> b.stackName(stack)).stacks().stream().findFirst()
                    .orElseThrow(() -> new OperatorCommands.Refused("no stack " + stack + " in " + region));
        } catch (CloudFormationException e) {
            // CloudFormation answers a missing stack with a 400 ValidationError, "Stack with id … does not exist"
            if (e.statusCode() == 400) throw new OperatorCommands.Refused("no stack " + stack + " in " + region + ": " + e.awsErrorDetails().errorMessage());
            throw e;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Output o : found.outputs()) values.put(o.outputKey(), o.outputValue());
        return new StackOutputs(stack, region, values);
    }

    /** The output's value; a stack without it is not a cronwatch stack (or an older one). */
    public String get(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) throw new OperatorCommands.Refused("stack " + stack + " in " + region + " has no " + key + " output");
        return value;
    }
}
