package org.lpa4j.api;

import java.util.Objects;

/**
 * A setting of a run (a learning rate, a context length, a width) that cannot work; {@link #setting()} names it in
 * library terms (the name of the builder method or record component), so a front end can add its own name for it.
 */
public class InvalidSettingException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public InvalidSettingException(String setting, String message) {
        super(message);
        this.setting = Objects.requireNonNull(setting, "setting is null");
    }

    /** The setting to change, e.g. {@code learningRate}, {@code context}, {@code width}. */
    public String setting() {
        return setting;
    }
}
