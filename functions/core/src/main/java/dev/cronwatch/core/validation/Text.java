package dev.cronwatch.core.validation;

/**
 * Which text a name may hold. Names are shown in alerts and listings and travel on the queue, whose
 * message bodies refuse control characters, lone surrogates and U+FFFE/U+FFFF: such text is refused
 * at the edge, naming the field, rather than failing later where nobody can be told.
 */
public final class Text {
    private Text() {
    }

    /** Length in characters as a person counts them (code points), not UTF-16 units. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * No control characters, no unpaired surrogates, no line or paragraph separators, and none of
     * Unicode's 66 non-characters (U+FDD0..U+FDEF and the last two code points of every plane).
     */
    public static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!isPrintable(c)) return false;
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean isPrintable(int c) {
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return false;
        }
        boolean nonCharacter = (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
        return !nonCharacter;
    }
}
