/**
 * Tasks behind a {@code ServiceLoader} registry: a {@link org.lpa4j.api.task.TaskProvider} lists task names and loads
 * one into a {@link org.lpa4j.api.task.LoadedTask} with the {@link org.lpa4j.api.task.TaskOptions} of a run;
 * {@link org.lpa4j.api.task.Tasks} finds every provider on the classpath.
 */
package org.lpa4j.api.task;
