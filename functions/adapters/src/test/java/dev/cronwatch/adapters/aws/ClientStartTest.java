package dev.cronwatch.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 29: building a client must not build the metadata of every AWS service the SDK knows (about
 * 300 classes on every cold start, aws-sdk-java-v2 #3664). The SDK stopped doing so in 2.59; this
 * holds it there, in a class loader of its own so that no other test's classes count.
 */
class ClientStartTest {
    @Test
    void buildingEveryClientWeUseBuildsNoServiceMetadata() throws Exception {
        try (Recording loader = new Recording()) {
            Runnable build = (Runnable) loader.loadClass(BuildEveryClient.class.getName()).getConstructor().newInstance();
            build.run();
            assertThat(loader.loaded).as("the clients were built in the recording loader")
                    .contains("software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient");
            assertThat(loader.loaded).noneMatch(name -> name.startsWith("software.amazon.awssdk.regions.servicemetadata.")
                    || name.equals("software.amazon.awssdk.regions.GeneratedServiceMetadataProvider"));
        }
    }

    /** Loaded by {@link Recording}: the four clients as a function builds them for AWS. */
    public static final class BuildEveryClient implements Runnable {
        @Override
        public void run() {
            AwsClients clients = AwsClients.forAws("us-east-1");
            clients.dynamoDb(null);
            clients.sqs(null);
            clients.sns(null);
            clients.ssm(null);
        }
    }

    /** The test's class path without the test's loader as parent: every class it loads is its own. */
    private static final class Recording extends URLClassLoader {
        final Set<String> loaded = ConcurrentHashMap.newKeySet();

        Recording() {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            loaded.add(name);
            return super.loadClass(name, resolve);
        }

        private static URL[] classPath() {
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(entry -> {
                try {
                    return Path.of(entry).toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(URL[]::new);
        }
    }
}
