/**
 * One {@code fit} run: its options as a picocli mixin, the runner that validates them, trains each requested trainer
 * and writes the results as a whole, and the graded network that {@code --trainer multigrade} trains.
 */
package org.lpa4j.cli.fit;
