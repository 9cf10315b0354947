/**
 * The project's planted-bug campaign: named mutants of a real backend (wrappers over its public {@code Ops},
 * {@code VariableStore} and train steps) and of a residual network, each run against the suite classes that can see its
 * kind of bug, and the kill table that says which suite tests caught each one.
 */
package org.lpa4j.integration.mutants;
