package dev.cronwatch.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cronwatch.adapters.json.Json;
import dev.cronwatch.core.hash.Digest;
import dev.cronwatch.core.port.InvalidCursorException;
import dev.cronwatch.core.port.Page;
import dev.cronwatch.core.validation.FieldError;
import dev.cronwatch.core.validation.Values;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Sentry's paging of one listing: {@code ?per_page=} (1 to 100), {@code ?cursor=}, and a {@code Link}
 * header to the next page. A cursor is opaque and bound to the listing that made it (docs/spec.md §4):
 * the client gets {@code <binding>.<the store's cursor>}, the binding a digest of the route, the names
 * in its path and its filters, so that a cursor of another route, tenant or filter is refused here,
 * before the store reads anything. A client can still compute a binding, so the store checks its own
 * part again: a key of this listing's partition, inside the range the query reads.
 */
final class Paging {
    static final int MAX_PER_PAGE = 100;
    /** 80 bits of the digest: enough to tell listings apart, which is all a binding is for. */
    private static final int BINDING_LENGTH = 20;

    private final Request request;
    private final String binding;

    private Paging(Request request, String binding) {
        this.request = request;
        this.binding = binding;
    }

    /**
     * {@code listing} names the route; {@code scope} is what selects its items: the path's names
     * (organization, monitor, project) and the filters as parsed (null where none is given), so that
     * two spellings of one filter make the same binding. {@code per_page} is not part of it.
     */
    static Paging of(Request request, String listing, Object... scope) {
        List<Object> parts = new ArrayList<>(List.of(listing));
        for (Object part : scope) parts.add(part == null ? null : part.toString());
        return new Paging(request, Digest.SHA_256.hex(Json.write(parts)).substring(0, BINDING_LENGTH));
    }

    int perPage() {
        String perPage = request.query().get("per_page");
        if (perPage == null) return MAX_PER_PAGE;
        Long n;
        try {
            n = Values.integer(perPage, "per_page");
        } catch (FieldError notANumber) {
            n = null;
        }
        if (n == null || n < 1 || n > MAX_PER_PAGE) throw new FieldError("per_page", "Use a whole number from 1 to 100.");
        return n.intValue();
    }

    /** The store's cursor, or null for the first page; a cursor this listing did not make is refused. */
    String cursor() {
        String cursor = request.query().get("cursor");
        if (cursor == null || cursor.isEmpty()) return null;
        if (cursor.length() <= BINDING_LENGTH + 1 || cursor.charAt(BINDING_LENGTH) != '.'
                || !cursor.startsWith(binding)) {
            throw new InvalidCursorException();
        }
        return cursor.substring(BINDING_LENGTH + 1);
    }

    /** How a listing reads one page of its items. */
    interface PageReader<T> {
        Page<T> read(String cursor, int perPage);
    }

    /** The page at this request's cursor and size, each item in its view, with the {@code Link} to the next. */
    <T> APIGatewayV2HTTPResponse answer(PageReader<T> reader, Function<T, Map<String, Object>> view) {
        Page<T> page = reader.read(cursor(), perPage());
        return Response.json(200, Views.all(page.items(), view), link(page));
    }

    /** The page's {@code Link} header, keeping the request's other query parameters; none on the last page. */
    Map<String, String> link(Page<?> page) {
        if (page.nextCursor() == null) return Map.of();
        String next = binding + "." + page.nextCursor();
        StringBuilder url = new StringBuilder(headerSafe(request.path())).append('?');
        new TreeMap<>(request.query()).forEach((name, value) -> {
            if (!name.equals("cursor")) url.append(encode(name)).append('=').append(encode(value)).append('&');
        });
        url.append("cursor=").append(encode(next));
        return Map.of("Link", "<" + url + ">; rel=\"next\"; results=\"true\"; cursor=\"" + next + "\"");
    }

    /** The path as a header may carry it: anything but visible ASCII (and the link's brackets) percent-encoded. */
    private static String headerSafe(String path) {
        StringBuilder safe = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            if (b > 0x20 && b < 0x7f && b != '<' && b != '>') safe.append((char) b);
            else safe.append('%').append(String.format("%02X", b & 0xff));
        }
        return safe.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
