package dev.cronwatch.core.alert;

/**
 * User-chosen names made safe to show to a person. A name with a line break could forge lines of an
 * email ("Ignore this alert"), direction overrides reorder what is read, and in a chat message
 * {@code <!channel>} pings a whole Slack channel: each becomes harmless, and length is bounded.
 */
final class PlainText {
    static final int MAX = 200;

    private PlainText() {
    }

    /** One line of text: controls, separators and direction marks become spaces; at most {@link #MAX} characters. */
    static String line(Object value) {
        if (value == null) return "";
        String text = value.toString();
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX + 1));
        for (int i = 0; i < text.length() && out.length() <= MAX; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            // unpaired surrogate halves and non-characters
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) {
                out.append('\uFFFD');
            } else if (Character.isISOControl(cp) || isInvisibleFormat(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        if (out.length() > MAX) {
            out.setLength(MAX - 1);
            if (Character.isHighSurrogate(out.charAt(out.length() - 1))) out.setLength(out.length() - 1);
            out.append('…');
        }
        return out.toString().strip();
    }

    /** A line for chat messages: also without {@code <} and {@code >}, which Slack reads as mentions and links. */
    static String chat(Object value) {
        return line(value).replace('<', '‹').replace('>', '›');
    }

    private static boolean isInvisibleFormat(int cp) {
        return cp == 0x2028 || cp == 0x2029 // line and paragraph separators
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) // direction overrides
                || cp == 0x200E || cp == 0x200F || cp == 0x061C; // direction marks
    }
}
