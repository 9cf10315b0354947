package org.lpa4j.api.io;

/**
 * What is at a path that a folder is to be written to, as far as writing it is concerned: only {@link #NOTHING} and
 * {@link #EMPTY_FOLDER} are written without asking, only a {@link #RESULT} (a folder lpa4j wrote, holding
 * {@value AtomicDirectories#MARKER}) is replaced when asked, and everything else is kept and refused.
 */
public enum Occupant {
    /** Nothing is there. */
    NOTHING("nothing"),
    /** An empty folder. */
    EMPTY_FOLDER("an empty folder"),
    /** A folder an lpa4j writer wrote as a whole. */
    RESULT("lpa4j results"),
    /** A folder with files lpa4j did not write (no marker). */
    OTHER_FILES("a folder of files that are not an lpa4j result"),
    /** A regular file. */
    FILE("a file"),
    /** A symbolic link (never followed nor replaced). */
    LINK("a symbolic link"),
    /** A device, pipe, socket or other special file. */
    SPECIAL_FILE("a device or other special file");

    private final String words;

    Occupant(String words) {
        this.words = words;
    }

    /** What is there, in a few words ("a file", "lpa4j results", ...). */
    public String words() {
        return words;
    }

    /** Whether a folder may be written there without replacing anything. */
    public boolean isFree() {
        return this == NOTHING || this == EMPTY_FOLDER;
    }
}
