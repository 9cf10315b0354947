package org.lpa4j.cli.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.Lpa4jException;

/** Texts read from a file: real text in UTF-8 or Latin-1 is read line by line; bytes that are not text are refused. */
class TextLinesTest {
    @TempDir
    Path dir;

    @Test
    void textInUtf8OrLatin1_isReadOneTextPerLine() throws IOException {
        Path utf8 = Files.writeString(dir.resolve("utf8.txt"), "Subject: café prices\tnow\r\n\nRe: naïve € offer\f\n", StandardCharsets.UTF_8);
        assertEquals(2, TextLines.read(utf8).size());
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "Señor, voilà le reçu\nÀ bientôt\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(2, TextLines.read(latin1).size());
    }

    @Test
    void randomBytes_orANulByte_orControlCharacters_areRefusedWithASentence() throws IOException {
        for (int seed = 0; seed < 5; seed++) {
            byte[] random = new byte[2048];
            new Random(seed).nextBytes(random);
            Path file = Files.write(dir.resolve("random" + seed + ".txt"), random);
            String message = assertThrows(Lpa4jException.class, () -> TextLines.read(file)).getMessage();
            assertTrue(message.startsWith("The input file " + file + " is not text:"), message);
        }
        Path nul = Files.write(dir.resolve("nul.txt"), "hello\0world\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(assertThrows(Lpa4jException.class, () -> TextLines.read(nul)).getMessage().contains("NUL byte (at byte 5)"));
        StringBuilder mostlyText = new StringBuilder("x".repeat(100));
        mostlyText.setCharAt(50, (char) 7);
        Path oneBell = Files.writeString(dir.resolve("bell.txt"), mostlyText, StandardCharsets.US_ASCII);
        assertEquals(1, TextLines.read(oneBell).size(), "one control character in a hundred is still text");
        mostlyText.setCharAt(60, (char) 7);
        Path twoBells = Files.writeString(dir.resolve("bells.txt"), mostlyText, StandardCharsets.US_ASCII);
        assertThrows(Lpa4jException.class, () -> TextLines.read(twoBells));
        Path c1 = Files.write(dir.resolve("c1.txt"), new byte[] {'a', 'b', (byte) 0x85, (byte) 0x91, 'c', 'd'});
        assertThrows(Lpa4jException.class, () -> TextLines.read(c1), "Latin-1 C1 controls in bytes that are not UTF-8");
    }
}
