package dev.cronwatch.core.healthchecks;

import java.util.Map;

/**
 * Healthchecks' SVG badge: a grey label and a coloured status, each as wide as Healthchecks' table of
 * character widths says, so a badge looks the same as the one it replaces.
 */
public final class BadgeSvg {
    private static final Map<Character, Integer> WIDTHS = widths();
    private static final int DEFAULT_WIDTH = 7;

    private BadgeSvg() {
    }

    public static String render(String label, BadgeStatus status) {
        int w1 = width(label) + 10;
        int w2 = width(status.status()) + 10;
        int width = w1 + w2;
        String tag = escape(label);
        String tagX = half(w1);
        String statusX = half(2L * w1 + w2);
        return """
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%1$d" height="20">
                  <linearGradient id="smooth" x2="0" y2="100%%">
                    <stop offset="0" stop-color="#bbb" stop-opacity=".1"/>
                    <stop offset="1" stop-opacity=".1"/>
                  </linearGradient>

                  <mask id="round">
                    <rect width="%1$d" height="20" rx="3" fill="#fff"/>
                  </mask>

                  <g mask="url(#round)">
                    <rect width="%2$d" height="20" fill="#555"/>
                    <rect x="%2$d" width="%3$d" height="20" fill="%4$s"/>
                    <rect width="%1$d" height="20" fill="url(#smooth)"/>
                  </g>

                  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="11">
                    <text x="%5$s" y="15" fill="#010101" fill-opacity=".3">%6$s</text>
                    <text x="%5$s" y="14">%6$s</text>
                    <text x="%7$s" y="15" fill="#010101" fill-opacity=".3">%8$s</text>
                    <text x="%7$s" y="14">%8$s</text>
                  </g>
                </svg>
                """.formatted(width, w1, w2, status.svgColor(), tagX, tag, statusX, status.status());
    }

    /** Half of {@code doubled}/1 as Python prints a float: {@code 40.0}, {@code 40.5}. */
    private static String half(long whole) {
        return whole % 2 == 0 ? (whole / 2) + ".0" : (whole / 2) + ".5";
    }

    static int width(String text) {
        int total = 0;
        for (int i = 0; i < text.length(); i++) total += WIDTHS.getOrDefault(text.charAt(i), DEFAULT_WIDTH);
        return total;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;");
    }

    private static Map<Character, Integer> widths() {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
        int[] w = {7, 7, 6, 7, 6, 4, 7, 7, 3, 3, 7, 3, 10, 7, 7, 7, 7, 4, 6, 5, 7, 7, 9, 6, 7, 7,
            7, 6, 7, 7, 7, 7, 7, 7, 7, 7,
            8, 7, 8, 8, 7, 6, 9, 8, 3, 4, 7, 6, 10, 8, 9, 6, 9, 7, 7, 7, 8, 8, 11, 7, 7, 7,
            4, 6};
        Map<Character, Integer> map = new java.util.HashMap<>();
        for (int i = 0; i < chars.length(); i++) map.put(chars.charAt(i), w[i]);
        return Map.copyOf(map);
    }
}
