package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Response compression, which an HTTP API (unlike a REST API) does not do for a function: the
 * dashboard's scripts and its summary pages shrink to a fifth.
 */
final class Gzip {
    /** Below this a compressed body is hardly smaller, and costs a base64 round. */
    private static final int MIN_BYTES = 1024;

    private Gzip() {
    }

    static boolean accepted(Request request) {
        String accept = request.header("accept-encoding");
        if (accept == null) return false;
        for (String part : accept.split(",")) {
            String[] coding = part.trim().split(";");
            if (!coding[0].trim().equalsIgnoreCase("gzip")) continue;
            for (int i = 1; i < coding.length; i++) {
                String param = coding[i].replace(" ", "");
                if (param.startsWith("q=")) {
                    try {
                        return Double.parseDouble(param.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return true;
        }
        return false;
    }

    static byte[] compress(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The response compressed when the client accepts gzip and the text body is worth it. */
    static APIGatewayV2HTTPResponse ifAccepted(Request request, APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
        headers.put("Vary", "Accept-Encoding");
        byte[] raw = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        if (response.getIsBase64Encoded() || raw.length < MIN_BYTES || !accepted(request)) {
            response.setHeaders(headers);
            return response;
        }
        headers.put("Content-Encoding", "gzip");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.getStatusCode()).withHeaders(headers)
                .withBody(Base64.getEncoder().encodeToString(compress(raw))).withIsBase64Encoded(true).build();
    }
}
