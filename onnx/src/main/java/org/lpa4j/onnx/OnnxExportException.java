package org.lpa4j.onnx;

import org.lpa4j.api.Lpa4jException;

/** An ONNX export that could not be done; the message says why and what to do. */
public class OnnxExportException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    public OnnxExportException(String message) {
        super(message);
    }

    public OnnxExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
