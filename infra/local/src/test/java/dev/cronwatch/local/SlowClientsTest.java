package dev.cronwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their request a byte at a time (slowloris) neither stall the others nor hold a
 * connection for ever. In its own JVM, as infra/bin/cronwatch-local runs: the JDK server reads its
 * time limits once per JVM, when the first server of the process is made.
 */
class SlowClientsTest {
    static final int SLOW_CLIENTS = 12;

    @TempDir
    Path dataDir;

    @Test
    void twelveClientsSendingAHeaderByteByByte_areCutOff_whileAnotherIsServed() throws Exception {
        Process local = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalMain.class.getName(), "--port", "0", "--in-memory",
                "--data-dir", dataDir.toString(), "--clock", "manual", "--start", "2026-01-01T00:00:00Z")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Socket> slow = new ArrayList<>();
        try {
            int port = portPrintedBy(local);
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.setSoTimeout(60_000);
                slow.add(socket);
            }
            Thread trickle = new Thread(() -> trickle(slow), "slow clients");
            trickle.setDaemon(true);
            trickle.start();
            Thread.sleep(2_000); // every slow client has begun its request, and holds whatever serves it

            HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/_local/clock")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).contains("2026-01-01T00:00:00Z");

            for (Socket socket : slow) {
                int read;
                try {
                    read = socket.getInputStream().read();
                } catch (SocketTimeoutException stillOpen) {
                    throw new AssertionError("a slow client still held its connection after a minute", stillOpen);
                } catch (IOException reset) {
                    read = -1;
                }
                assertThat(read).as("the slow client was cut off without an answer").isEqualTo(-1);
            }
        } finally {
            for (Socket socket : slow) socket.close();
            local.destroy();
            if (!local.waitFor(60, TimeUnit.SECONDS)) local.destroyForcibly();
        }
    }

    /** A request line, then one byte of a header that never ends, to each connection every half second. */
    private static void trickle(List<Socket> sockets) {
        byte[] start = "GET /_local/clock HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; ; i++) {
            boolean anyOpen = false;
            for (Socket socket : sockets) {
                try {
                    socket.getOutputStream().write(i < start.length ? start[i] : 'a');
                    anyOpen = true;
                } catch (IOException cutOff) {
                    // this one is done
                }
            }
            if (!anyOpen) return;
            try {
                Thread.sleep(i < start.length ? 10 : 500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static int portPrintedBy(Process local) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8));
        Pattern running = Pattern.compile("is running on http://127\\.0\\.0\\.1:(\\d+)");
        for (String line; (line = out.readLine()) != null; ) {
            Matcher m = running.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "local mode's console");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("cronwatch-local ended before it was running");
    }
}
