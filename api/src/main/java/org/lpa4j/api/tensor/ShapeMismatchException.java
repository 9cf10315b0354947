package org.lpa4j.api.tensor;

import org.lpa4j.api.Lpa4jException;

/** Thrown when an op receives operands whose shapes or element types do not fit; the message names the op and the shapes. */
public class ShapeMismatchException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String message) {
        super(message);
    }
}
