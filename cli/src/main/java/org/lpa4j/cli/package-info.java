/**
 * The lpa4j command line: the {@code lpa4j} entry point and its Guice wiring, which binds the registries found through
 * ServiceLoader (backends, tasks, architectures) and lets picocli create the commands through the injector. The only
 * place that prints and names flags.
 */
package org.lpa4j.cli;
