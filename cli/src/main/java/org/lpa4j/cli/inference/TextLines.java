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
 * ids are made from them exactly as from its training texts. A line ending {@code \r\n} loses its {@code \r}.
 */
public final class TextLines {
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
}
