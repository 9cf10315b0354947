package org.lpa4j.cli.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.Lpa4jException;

/**
 * Raw texts from a file, one per non-blank line (a mail's subject and body on one line), as bytes: the model's word
 * ids are made from them exactly as from its training texts. A line ending {@code \r\n} loses its {@code \r}. A file
 * that is not text (random or binary bytes) is refused with a sentence rather than read as texts.
 */
public final class TextLines {
    /** The most control characters, in percent of a file's bytes, that a text file may hold. */
    static final int MAX_CONTROL_PERCENT = 1;

    private TextLines() {
    }

    /** The non-blank lines of {@code file}, in order. */
    public static List<byte[]> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Lpa4jException("The input file " + file + " could not be read (" + e.getMessage() + "); check its permissions.");
        }
        requireText(file, bytes);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                byte[] line = Arrays.copyOfRange(bytes, start, end);
                if (!new String(line, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
                    lines.add(line);
                }
                start = i + 1;
            }
        }
        if (lines.isEmpty()) {
            throw new Lpa4jException("The input file " + file + " holds no text; give one text per line.");
        }
        return lines;
    }

    /**
     * Refuses bytes that are not text: a NUL byte, or more than {@value #MAX_CONTROL_PERCENT}% control characters (other
     * than tab, line and page breaks and escape), counting the C1 controls 0x80-0x9F of Latin-1 when the bytes are not UTF-8.
     */
    static void requireText(Path file, byte[] bytes) {
        boolean utf8 = isUtf8(bytes);
        int controls = 0;
        int firstNul = -1;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0 && firstNul < 0) {
                firstNul = i;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0b && b != 0x1b || b == 0x7f
                    || !utf8 && b >= 0x80 && b < 0xa0) {
                controls++;
            }
        }
        if (firstNul >= 0 || controls * 100L > bytes.length * (long) MAX_CONTROL_PERCENT) {
            throw new Lpa4jException("The input file " + file + " is not text: " + (firstNul >= 0 ? "it holds a NUL byte (at byte " + firstNul
                    + ") and " : "") + controls + " of its " + bytes.length + " bytes are control characters, as in a binary file (a text is"
                    + " read in UTF-8 or Latin-1, one per line, as the model's training texts were). Give a text file, one text per line.");
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
