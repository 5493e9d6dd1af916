package dev.cronwatch.adapters.alert;

import java.text.Normalizer;

/**
 * The one rule for showing text that a DSN holder chose (monitor slug and name, environment, anything
 * a check-in brought) in an alert meant for people: {@link #shown}, applied to every such value in
 * every form (the email text, the subject, the chat title and lines, Chatbot's fields, PagerDuty's
 * summary). Names are shown, never interpreted. A name with a line break could forge lines of an
 * email ("Ignore this alert"), direction overrides reorder what is read, {@code <!channel>} or
 * {@code @here} pings a whole Slack channel, {@code <url|text>} and {@code [text](url)} make links:
 * each becomes harmless text, and length is bounded. The JSON for programs keeps the values as sent.
 */
public final class PlainText {
    static final int MAX = 200;
    /** SNS subjects: printable ASCII, no line breaks, "less than 100 characters". */
    public static final int MAX_SUBJECT = 99;

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

    /**
     * A user-chosen value as every alert form shows it: one {@link #line}, with look-alikes for what
     * chat and markdown would act on. {@code <} and {@code >} (Slack's mentions and links, HTML) become
     * {@code ‹ ›}, {@code @} ({@code @channel}, {@code @here}) a full-width {@code ＠}, a backtick
     * (code spans) {@code ˋ}, {@code ](} (a markdown link) {@code ] (}, the emphasis marks {@code *},
     * {@code ~} and an underscore at a word's edge {@code ∗ ∼ ＿}, the colons of an emoji code and of
     * {@code ://} a ratio sign {@code ∶}, and the dot of a domain a one-dot leader {@code ․}.
     */
    public static String shown(Object value) {
        return neutral(value, false);
    }

    /**
     * A schedule, which the renderer shows inside a code span (where chat neither emphasises nor links)
     * and which validation kept to a cron or calendar expression's characters, or an identifier a chat
     * client reads but does not show (Chatbot's id, thread and event type): {@link #shown}'s rule but
     * for emphasis, emoji codes and links, so that {@code 0 * * * *} and {@code incident.opened} read as
     * written.
     */
    public static String code(Object value) {
        return neutral(value, true);
    }

    private static String neutral(Object value, boolean inCode) {
        String text = line(value);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append('‹');
                case '>' -> out.append('›');
                case '@' -> out.append('＠');
                case '`' -> out.append('ˋ');
                case '*' -> out.append(inCode ? '*' : '∗');
                case '~' -> out.append(inCode ? '~' : '∼');
                // inside a word (my_job) an underscore is only a letter; at its edge it starts or ends italics
                case '_' -> out.append(inCode || wordAt(text, i - 1) && wordAt(text, i + 1) ? '_' : '＿');
                case '(' -> out.append(i > 0 && text.charAt(i - 1) == ']' ? " (" : "(");
                default -> out.append(c);
            }
        }
        if (inCode) return out.toString();
        // :fire: (an emoji code), example.com and scheme:// (which chat turns into links)
        return EMOJI_CODE.matcher(out).replaceAll("∶$1∶")
                .replace("://", "∶//")
                .replaceAll("(?<=\\w)\\.(?=\\p{Alpha}{2})", "․");
    }

    private static final java.util.regex.Pattern EMOJI_CODE = java.util.regex.Pattern.compile(":([\\w+-]+):");

    private static boolean wordAt(String text, int i) {
        return i >= 0 && i < text.length() && Character.isLetterOrDigit(text.charAt(i));
    }

    /**
     * A subject line as SNS takes it (printable ASCII, one line, under 100 characters), from text
     * whose user-chosen parts went through {@link #shown}: accents are dropped ("Zürich" reads
     * "Zurich"), the look-alikes {@link #shown} made become ASCII that still means nothing to a chat
     * ({@code ‹!channel›} reads {@code (!channel)}, {@code ＠here} {@code (at)here}), anything else
     * not ASCII becomes "?".
     */
    public static String subject(String text) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD);
        StringBuilder ascii = new StringBuilder();
        for (char c : plain.toCharArray()) {
            if (Character.getType(c) == Character.NON_SPACING_MARK) continue;
            switch (c) {
                case '‹' -> ascii.append('(');
                case '›' -> ascii.append(')');
                case '＠' -> ascii.append("(at)");
                case 'ˋ' -> ascii.append('\'');
                case '․' -> ascii.append('.');
                case '＿' -> ascii.append('_');
                case '<', '>', '@', '`' -> ascii.append('?'); // only reached by text that skipped shown()
                default -> ascii.append(c >= 0x20 && c < 0x7f ? c : Character.isWhitespace(c) || Character.isISOControl(c) ? ' ' : '?');
            }
        }
        String line = ascii.toString().strip();
        if (line.isEmpty()) line = "cronwatch alert";
        return line.length() <= MAX_SUBJECT ? line : line.substring(0, MAX_SUBJECT - 3) + "...";
    }

    private static boolean isInvisibleFormat(int cp) {
        return cp == 0x2028 || cp == 0x2029 // line and paragraph separators
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) // direction overrides
                || cp == 0x200E || cp == 0x200F || cp == 0x061C; // direction marks
    }
}
