package dev.cronwatch.handlers.http;

import dev.cronwatch.core.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one file field of a {@code multipart/form-data} upload, as curl's {@code --form file=@…} sends it.
 * RFC 2046: the boundary is 1 to 70 of its characters; each delimiter is CRLF, "--", the boundary.
 * The body is read in one pass: delimiters are found with Knuth-Morris-Pratt and each part's headers
 * only within that part, so no body costs more than linear time, whatever its boundary.
 */
record Multipart(String filename, String contentType, byte[] content) {
    static final int MAX_BOUNDARY = 70;
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(?:\"([^\"]*)\"|([^;\\s]*))");
    /** RFC 2046 bchars: a space is allowed, except last. */
    private static final Pattern BCHARS = Pattern.compile("[0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-]");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CLOSE = "--".getBytes(StandardCharsets.ISO_8859_1);

    static Multipart file(String contentTypeHeader, byte[] body, String field) {
        String boundary = boundary(contentTypeHeader);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Search delimiters = new Search(delimiter);
        // The first delimiter may open the body without the CRLF that precedes every later one: it then
        // starts, in effect, two bytes before the body.
        int at = startsWith(body, delimiter, 0, 2) ? -2 : delimiters.next(body, 0);
        while (at != -1) {
            int afterDelimiter = at + delimiter.length;
            if (startsWith(body, CLOSE, afterDelimiter, 0)) break;
            int partStart = afterDelimiterLine(body, afterDelimiter);
            int next = delimiters.next(body, partStart);
            if (next < 0) throw new FieldError(field, "The upload ends inside a part: its closing boundary is missing.");
            if (!startsWith(body, CRLF, partStart, 0)) { // a part without headers has no name: not ours
                int headersEnd = indexOf(body, HEADERS_END, partStart, next);
                if (headersEnd < 0) throw new FieldError(field, "A part of the upload is cut short after its headers.");
                String headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.UTF_8);
                String disposition = headerValue(headers, "content-disposition");
                Matcher name = NAME.matcher(disposition == null ? "" : disposition);
                if (name.find() && name.group(1).equals(field)) {
                    Matcher filename = FILENAME.matcher(disposition);
                    String type = headerValue(headers, "content-type");
                    byte[] content = Arrays.copyOfRange(body, headersEnd + HEADERS_END.length, next);
                    return new Multipart(filename.find() ? filename.group(1) : field,
                            type == null || type.isEmpty() ? "application/octet-stream" : type, content);
                }
            }
            at = next;
        }
        throw new FieldError(field, "The upload has no \"" + field + "\" field.");
    }

    private static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new FieldError("content-type", "Send the file as multipart/form-data.");
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) throw new FieldError("content-type", "The multipart Content-Type needs a boundary.");
        String boundary = m.group(1) != null ? m.group(1) : m.group(2);
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY || !BCHARS.matcher(boundary).matches()) {
            throw new FieldError("content-type",
                    "A multipart boundary is 1 to 70 letters, digits or '()+_,-./:=? characters (RFC 2046).");
        }
        return boundary;
    }

    /** After a delimiter: optional spaces or tabs, then the CRLF that ends the delimiter line. */
    private static int afterDelimiterLine(byte[] body, int at) {
        while (at < body.length && (body[at] == ' ' || body[at] == '\t')) at++;
        if (startsWith(body, CRLF, at, 0)) return at + 2;
        throw new FieldError("file", "A multipart boundary line must end with CRLF.");
    }

    private static String headerValue(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
        }
        return null;
    }

    /** Whether {@code body} holds the bytes of {@code needle} from {@code needleOffset} on, at {@code at}. */
    private static boolean startsWith(byte[] body, byte[] needle, int at, int needleOffset) {
        int n = needle.length - needleOffset;
        if (at < 0 || at + n > body.length) return false;
        for (int i = 0; i < n; i++) {
            if (body[at + i] != needle[needleOffset + i]) return false;
        }
        return true;
    }

    /** Within {@code [from, to)} only; the needle is four bytes, so this is linear in the range. */
    private static int indexOf(byte[] haystack, byte[] needle, int from, int to) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /** Knuth-Morris-Pratt: the next occurrence at or after a position, in time linear in what it reads. */
    private static final class Search {
        private final byte[] needle;
        private final int[] fallback;

        Search(byte[] needle) {
            this.needle = needle;
            this.fallback = new int[needle.length];
            for (int i = 1, k = 0; i < needle.length; i++) {
                while (k > 0 && needle[i] != needle[k]) k = fallback[k - 1];
                if (needle[i] == needle[k]) k++;
                fallback[i] = k;
            }
        }

        int next(byte[] haystack, int from) {
            for (int i = Math.max(from, 0), k = 0; i < haystack.length; i++) {
                while (k > 0 && haystack[i] != needle[k]) k = fallback[k - 1];
                if (haystack[i] == needle[k]) k++;
                if (k == needle.length) return i - needle.length + 1;
            }
            return -1;
        }
    }
}
