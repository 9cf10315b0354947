package org.lpa4j.datasets.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The part of a raw RFC 822 mail a spam classifier reads: the value of the {@code Subject:} header, a newline, then
 * the body (everything after the first empty line) as raw bytes, every run of whitespace made one space. The other
 * headers are dropped: in this corpus they carry collection artifacts (relay names, dates) that would let a model
 * tell the folders apart instead of ham from spam.
 */
public final class MailText {
    private static final byte[] SUBJECT = "subject:".getBytes(StandardCharsets.US_ASCII);

    private MailText() {
    }

    /** Subject and body of {@code mail}, whitespace collapsed. */
    public static byte[] subjectAndBody(byte[] mail) {
        int bodyStart = mail.length;
        String subject = "";
        int lineStart = 0;
        while (lineStart < mail.length) {
            int lineEnd = lineStart;
            while (lineEnd < mail.length && mail[lineEnd] != '\n') {
                lineEnd++;
            }
            int contentEnd = lineEnd > lineStart && mail[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == lineStart) {
                bodyStart = Math.min(mail.length, lineEnd + 1);
                break;
            }
            if (subject.isEmpty() && startsWithIgnoreCase(mail, lineStart, contentEnd)) {
                subject = new String(mail, lineStart + SUBJECT.length, contentEnd - lineStart - SUBJECT.length, StandardCharsets.ISO_8859_1);
            }
            lineStart = lineEnd + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(mail.length);
        appendCollapsed(out, subject.getBytes(StandardCharsets.ISO_8859_1), 0, subject.length());
        out.write('\n');
        appendCollapsed(out, mail, bodyStart, mail.length);
        return out.toByteArray();
    }

    private static boolean startsWithIgnoreCase(byte[] mail, int from, int to) {
        if (to - from < SUBJECT.length) {
            return false;
        }
        for (int i = 0; i < SUBJECT.length; i++) {
            if (Character.toLowerCase(mail[from + i]) != SUBJECT[i]) {
                return false;
            }
        }
        return true;
    }

    private static void appendCollapsed(ByteArrayOutputStream out, byte[] bytes, int from, int to) {
        boolean space = true;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            boolean white = b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
            if (white) {
                if (!space) {
                    out.write(' ');
                }
                space = true;
            } else {
                out.write(b);
                space = false;
            }
        }
    }
}
