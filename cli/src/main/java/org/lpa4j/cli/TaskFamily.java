package org.lpa4j.cli;

import java.util.List;

/** A family of tasks the CLI offers ({@code surface:*}, images, text): their names and how to load one. */
interface TaskFamily {

    /** Every task name this family accepts. */
    List<String> names();

    /** Loads {@code task} (one of {@link #names()}) with the run's options (seed, examples, limit, context...). */
    LoadedTask load(String task, FitOptions options);
}
