package software.amazon.awssdk.regions;

import software.amazon.awssdk.regions.servicemetadata.DynamodbServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.SnsServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.SqsServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.SsmServiceMetadata;

/**
 * Stands in for the AWS SDK's class of this name, which the functions' classes, at the root of each
 * zip, come before on the class path. The SDK's builds the metadata of every AWS service it knows,
 * over 300 classes, the first time any client is built: about 150 ms of a cold start on a quiet
 * machine, for the four services cronwatch calls. This one builds those four on demand; any other
 * service gets what the SDK gives a service it does not know ({@link DefaultServiceMetadata}).
 * {@code ServiceMetadataShadowTest} checks that each of the four answers as the SDK's own does, in
 * every region, and that this class is the one loaded.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {
    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return switch (endpointPrefix) {
            case "dynamodb" -> new DynamodbServiceMetadata();
            case "sqs" -> new SqsServiceMetadata();
            case "sns" -> new SnsServiceMetadata();
            case "ssm" -> new SsmServiceMetadata();
            default -> null;
        };
    }
}
