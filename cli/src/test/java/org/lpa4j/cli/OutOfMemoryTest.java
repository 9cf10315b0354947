package org.lpa4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.TaskProvider;

/** A run that exhausts memory ends with a sentence and exit code 2, not the JVM's stack trace. */
class OutOfMemoryTest {

    @Test
    void runningOutOfMemoryIsASentence() {
        Module huge = binder -> Multibinder.newSetBinder(binder, TaskProvider.class).addBinding().toInstance(new TaskProvider() {
            @Override
            public List<String> names() {
                return List.of("huge");
            }

            @Override
            public LoadedTask load(String name, TaskOptions options) {
                throw new OutOfMemoryError("Java heap space");
            }
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lpa4jCli.execute(Lpa4jCli.injector(huge), new PrintWriter(out, true), new PrintWriter(err, true),
                "fit", "--task", "huge", "--trainer", "lpa", "--backend", "tensorflow", "--out", "target/never-written");
        assertEquals(2, code, err.toString());
        assertEquals("error: lpa4j ran out of memory (Java heap space). Use a smaller --batch-size, --width, --depth or --limit, or give the"
                + " JVM more memory (java -Xmx...).\n", err.toString());
    }
}
