package org.lpa4j.api.io;

import java.nio.file.Path;
import java.util.List;
import org.lpa4j.api.Lpa4jException;

/**
 * A folder that would be written as a whole is in the way: it holds results and replacing them was not asked for, or
 * it is something that is never replaced (a file, a link, a special file, a folder of files that are not an lpa4j result).
 */
public class FolderExistsException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final Occupant occupant;

    /** {@code folder} holds lpa4j results, and replacing them was not asked for. */
    public FolderExistsException(Path folder) {
        this(folder, Occupant.RESULT, List.of());
    }

    /** {@code folder} holds {@code occupant}; {@code names} are a few of its entries (for a folder of other files). */
    public FolderExistsException(Path folder, Occupant occupant, List<String> names) {
        this(folder, occupant, sentence(folder, occupant, names));
    }

    private FolderExistsException(Path folder, Occupant occupant, String message) {
        super(message);
        this.folder = folder;
        this.occupant = occupant;
    }

    /** A file would be written at {@code path}, where {@code occupant} (a folder, a link, a special file) is. */
    public static FolderExistsException notAFile(Path path, Occupant occupant) {
        return new FolderExistsException(path, occupant, path + " is " + occupant.words() + ", not a file; it is kept, and never replaced"
                + " by a file. Give a file path.");
    }

    private static String sentence(Path folder, Occupant occupant, List<String> names) {
        switch (occupant) {
            case RESULT:
                return "The folder " + folder + " already holds results; they are kept. Write elsewhere, or ask for them to be replaced as"
                        + " a whole.";
            case OTHER_FILES:
                return "The folder " + folder + " holds files that are not an lpa4j result (" + String.join(", ", names) + "); they are"
                        + " kept, and replacing is refused because only a folder lpa4j wrote (it holds " + AtomicDirectories.MARKER
                        + ") is ever replaced. Write elsewhere, or move those files away first.";
            default:
                return folder + " is " + occupant.words() + ", not a folder of results; it is kept, and never replaced. Give a folder path"
                        + " (one that does not exist yet, or an earlier result).";
        }
    }

    /** The folder that is in the way. */
    public Path folder() {
        return folder;
    }

    /** What is there. */
    public Occupant occupant() {
        return occupant;
    }
}
