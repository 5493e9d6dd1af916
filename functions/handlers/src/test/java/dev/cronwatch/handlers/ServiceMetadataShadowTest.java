package dev.cronwatch.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.GeneratedServiceMetadataProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.regions.ServiceMetadataProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Issue 29: our stand-in for the SDK's {@code GeneratedServiceMetadataProvider} (which builds every
 * service's metadata, 300 classes, on a cold start) is the class the functions load, and answers as
 * the SDK's own does for every service cronwatch calls, in every region.
 */
class ServiceMetadataShadowTest {
    private static final String NAME = GeneratedServiceMetadataProvider.class.getName();
    private static final List<String> SERVICES_WE_CALL = List.of(DynamoDbClient.SERVICE_METADATA_ID,
            SqsClient.SERVICE_METADATA_ID, SnsClient.SERVICE_METADATA_ID, SsmClient.SERVICE_METADATA_ID);

    @Test
    void theStandInIsTheClassLoaded_notTheSdks() {
        assertThat(jarOf(GeneratedServiceMetadataProvider.class)).isEqualTo(jarOf(Wiring.class))
                .isNotEqualTo(jarOf(ServiceMetadataProvider.class));
    }

    @Test
    void everyServiceWeCallHasTheEndpointsAndSigningRegionsOfTheSdksOwnMetadata() throws Exception {
        ServiceMetadataProvider sdks = (ServiceMetadataProvider) new SdksOwn().loadClass(NAME)
                .getConstructor().newInstance();
        assertThat(sdks.getClass()).isNotEqualTo(GeneratedServiceMetadataProvider.class);
        for (String service : SERVICES_WE_CALL) {
            ServiceMetadata theirs = sdks.serviceMetadata(service);
            ServiceMetadata ours = ServiceMetadata.of(service);
            assertThat(ours.getClass()).as(service).isEqualTo(theirs.getClass());
            for (Region region : Region.regions()) {
                assertThat(ours.endpointFor(region)).as("%s in %s", service, region).isEqualTo(theirs.endpointFor(region));
                assertThat(ours.signingRegion(region)).as("%s signing in %s", service, region)
                        .isEqualTo(theirs.signingRegion(region));
            }
        }
    }

    /** Defines the SDK's own class of that name, read from the regions jar; every other class is the test's. */
    private static final class SdksOwn extends ClassLoader {
        SdksOwn() {
            super(ServiceMetadataShadowTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(NAME)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) return loaded;
                try (JarFile jar = new JarFile(jarOf(ServiceMetadataProvider.class).getPath());
                     InputStream in = jar.getInputStream(jar.getEntry(name.replace('.', '/') + ".class"))) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (java.io.IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
