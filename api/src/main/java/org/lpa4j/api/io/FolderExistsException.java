package org.lpa4j.api.io;

import java.nio.file.Path;
import org.lpa4j.api.Lpa4jException;

/** A folder that would be written as a whole already holds something, and replacing it was not asked for. */
public class FolderExistsException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;

    public FolderExistsException(Path folder) {
        super("The folder " + folder + " already holds results; they are kept. Write elsewhere, or ask for them to be replaced as a whole.");
        this.folder = folder;
    }

    /** The folder that is in the way. */
    public Path folder() {
        return folder;
    }
}
