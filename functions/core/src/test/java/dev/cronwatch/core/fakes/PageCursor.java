package dev.cronwatch.core.fakes;

import dev.cronwatch.core.port.InvalidCursorException;
import dev.cronwatch.core.port.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The fakes' cursors: an offset bound to the listing that made it, so a foreign one is refused as the real ones are. */
final class PageCursor {
    private PageCursor() {
    }

    /** The page of {@code all} that {@code cursor} (of this listing, or none for the first) starts. */
    static <T> Page<T> page(List<T> all, String cursor, String listing, int limit) {
        int start = decode(cursor, listing);
        int end = (int) Math.min(all.size(), (long) start + limit); // a bent cursor's offset may be near 2^31
        return new Page<>(all.subList(Math.min(start, end), end), end < all.size() ? encode(listing, end) : null);
    }

    static String encode(String listing, int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + "\n" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String cursor, String listing) {
        if (cursor == null || cursor.isEmpty()) return 0;
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int newline = text.lastIndexOf('\n');
            if (newline < 0 || !text.substring(0, newline).equals(listing)) throw new InvalidCursorException();
            int offset = Integer.parseInt(text.substring(newline + 1));
            if (offset < 0) throw new InvalidCursorException();
            return offset;
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }
}
