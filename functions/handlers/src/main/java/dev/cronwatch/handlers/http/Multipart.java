package dev.cronwatch.handlers.http;

import dev.cronwatch.core.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one file field of a {@code multipart/form-data} upload, as curl's {@code --form file=@…} sends it. */
record Multipart(String filename, String contentType, byte[] content) {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

    static Multipart file(String contentTypeHeader, byte[] body, String field) {
        Matcher b = BOUNDARY.matcher(contentTypeHeader == null ? "" : contentTypeHeader);
        if (contentTypeHeader == null || !contentTypeHeader.startsWith("multipart/form-data") || !b.find()) {
            throw new FieldError(field, "Send the file as multipart/form-data.");
        }
        byte[] delimiter = ("--" + b.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int partStart = at + delimiter.length + 2; // CRLF after the boundary
            int next = indexOf(body, delimiter, partStart);
            if (next < 0 || partStart >= body.length) break;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), partStart);
            if (headersEnd < 0 || headersEnd > next) break;
            String headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.UTF_8);
            Matcher name = NAME.matcher(headers);
            if (name.find() && name.group(1).equals(field)) {
                Matcher filename = FILENAME.matcher(headers);
                String type = headerValue(headers, "content-type");
                byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next - 2); // CRLF before the boundary
                return new Multipart(filename.find() ? filename.group(1) : field,
                        type == null ? "application/octet-stream" : type, content);
            }
            at = next;
        }
        throw new FieldError(field, "The upload has no \"" + field + "\" field.");
    }

    private static String headerValue(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
