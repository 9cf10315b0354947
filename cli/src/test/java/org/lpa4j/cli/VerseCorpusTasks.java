package org.lpa4j.cli;

import org.lpa4j.datasets.text.CharacterCorpusTasks;

/** A user's own corpus, registered from this test's service file only: {@code text:verses}, a text generated in code. */
public final class VerseCorpusTasks extends CharacterCorpusTasks {
    public VerseCorpusTasks() {
        super("text:verses", VerseCorpusTasks::text);
    }

    /** Rhymed lines over a small alphabet, long enough for every split. */
    static String text() {
        String[] words = {"sea", "whale", "sail", "gale", "deep", "keep", "moon", "soon"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append(words[i % words.length]).append(i % 4 == 3 ? ".\n" : " ");
        }
        return sb.toString();
    }
}
