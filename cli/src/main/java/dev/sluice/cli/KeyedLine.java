package dev.sluice.cli;

/**
 * One input line of {@code sluice produce}, split into an optional key and a value.
 * Immutable.
 *
 * @param key   the text before the first separator, or {@code null} when the line has no key
 * @param value the rest of the line
 */
record KeyedLine(String key, String value) {

    /**
     * Splits {@code line} at the first occurrence of {@code separator}. A {@code null} separator,
     * or a line that does not contain it, yields a record without key whose value is the whole line.
     */
    static KeyedLine split(String line, String separator) {
        if (separator == null) {
            return new KeyedLine(null, line);
        }
        int at = line.indexOf(separator);
        if (at < 0) {
            return new KeyedLine(null, line);
        }
        return new KeyedLine(line.substring(0, at), line.substring(at + separator.length()));
    }

    /** Turns the escapes {@code \t}, {@code \n} and {@code \\} typed on a command line into characters. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                switch (next) {
                    case 't' -> out.append('\t');
                    case 'n' -> out.append('\n');
                    case '\\' -> out.append('\\');
                    default -> out.append(c).append(next);
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
