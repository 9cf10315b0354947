package org.lpa4j.sweep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The sweep module's place in lpa4j's layering (integration-tests' {@code ArchitectureTest} holds the rest): the sweep
 * library is written on the api and the experiments, with Spark, Hadoop and Jackson; only its command uses the CLI. That
 * nothing else in lpa4j depends on the sweep needs no rule here: every module it could be is below it, and Maven refuses
 * the cycle (the CLI finds the command through the service loader). Only the sweep's classes are imported, which keeps
 * the rules to about a second.
 */
@AnalyzeClasses(packages = "org.lpa4j.sweep", importOptions = ImportOption.DoNotIncludeTests.class)
class SweepArchitectureTest {
    @ArchTest
    static final ArchRule sweepLibraryUsesTheApiExperimentsAndSpark = classes().that().resideInAPackage("org.lpa4j.sweep")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", "org.lpa4j.api..", "org.lpa4j.experiments..",
                    "org.lpa4j.sweep", "org.apache.spark..", "scala..", "org.apache.hadoop..", "com.fasterxml.jackson..")
            .as("The sweep library is written on the api and the experiments, with Spark, Hadoop and Jackson: no engine, trainer or CLI by class");

    @ArchTest
    static final ArchRule sweepLibraryDoesNotPrint = noClasses().that().resideInAPackage("org.lpa4j.sweep")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .as("The sweep library logs through SLF4J; only its command prints");

    @ArchTest
    static final ArchRule noCyclesInTheSweep = slices().matching("org.lpa4j.sweep.(**)").should().beFreeOfCycles()
            .as("The sweep's command uses its library, never the other way");
}
