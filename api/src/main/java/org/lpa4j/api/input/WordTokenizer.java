package org.lpa4j.api.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text (bytes read as ISO-8859-1, so any mail decodes) into lower-case tokens: each maximal run of letters and
 * digits is one word, and every other non-whitespace character is a token of its own ({@code $}, {@code !},
 * {@code <}, {@code =} carry signal in mail: prices, shouting, HTML, quoted-printable).
 */
public final class WordTokenizer {

    private WordTokenizer() {
    }

    /** The tokens of {@code text}, in order. */
    public static List<String> tokens(byte[] text) {
        String s = new String(text, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int j = i + 1;
                while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                if (!Character.isWhitespace(c)) {
                    out.add(String.valueOf(c));
                }
                i++;
            }
        }
        return out;
    }
}
