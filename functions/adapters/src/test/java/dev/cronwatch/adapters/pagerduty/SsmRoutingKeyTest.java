package dev.cronwatch.adapters.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cronwatch.adapters.aws.AwsClients;
import dev.cronwatch.adapters.json.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the one SSM request the forwarder makes (no SSM emulator here): decrypted, once per process. */
class SsmRoutingKeyTest {
    @Test
    void readsTheSecureStringDecrypted_once() throws Exception {
        List<String> targets = Collections.synchronizedList(new ArrayList<>());
        List<Map<String, Object>> bodies = Collections.synchronizedList(new ArrayList<>());
        HttpServer ssm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ssm.createContext("/", exchange -> {
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            bodies.add(Json.parseObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = "{\"Parameter\":{\"Name\":\"/cronwatch/pagerduty\",\"Type\":\"SecureString\",\"Value\":\"R0UT1NG\\n\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ssm.start();
        try {
            SsmRoutingKey key = new SsmRoutingKey(AwsClients.forEmulators("eu-west-1")
                    .ssm(URI.create("http://127.0.0.1:" + ssm.getAddress().getPort())), "/cronwatch/pagerduty");
            assertThat(key.get()).isEqualTo("R0UT1NG");
            assertThat(key.get()).isEqualTo("R0UT1NG");
            assertThat(targets).containsExactly("AmazonSSM.GetParameter");
            assertThat(bodies.get(0)).containsEntry("Name", "/cronwatch/pagerduty").containsEntry("WithDecryption", true);
        } finally {
            ssm.stop(0);
        }
    }
}
