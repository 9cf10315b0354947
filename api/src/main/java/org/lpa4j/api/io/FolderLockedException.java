package org.lpa4j.api.io;

import java.nio.file.Path;
import org.lpa4j.api.Lpa4jException;

/** Another writer (in this or another process) is writing the same folder right now. */
public class FolderLockedException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;

    public FolderLockedException(Path folder, Path lock) {
        super("Another writer is writing " + folder + " right now (it holds the lock " + lock + "); wait for it to finish, or write"
                + " elsewhere.");
        this.folder = folder;
    }

    /** The folder being written. */
    public Path folder() {
        return folder;
    }
}
