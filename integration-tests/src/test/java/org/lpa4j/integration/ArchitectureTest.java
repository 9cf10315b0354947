package org.lpa4j.integration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture of lpa4j, as rules that fail the build when a dependency points the wrong way:
 * api &lt;- backends; api &lt;- conformance suite; api &lt;- models; api, trainers, models &lt;- experiments &lt;- cli; nothing in a
 * library module prints to standard output.
 */
@AnalyzeClasses(packages = "org.lpa4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] JDK_AND_LOGGING = {"java..", "javax.annotation..", "org.slf4j.."};

    @ArchTest
    static final ArchRule apiImportsNoEngineAndNoGuice = classes().that().resideInAPackage("org.lpa4j.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK_AND_LOGGING, "org.lpa4j.api.."))
            .as("The api depends on nothing but the JDK and SLF4J: no engine, no Guice");

    @ArchTest
    static final ArchRule nd4jBackendImportsOnlyApiAndItsEngine = backendOnlyUses("nd4j",
            "org.nd4j..", "org.bytedeco..", "org.apache.commons..", "lombok..");

    @ArchTest
    static final ArchRule djlBackendImportsOnlyApiAndItsEngine = backendOnlyUses("djl", "ai.djl..");

    @ArchTest
    static final ArchRule tensorflowBackendImportsOnlyApiAndItsEngine = backendOnlyUses("tensorflow",
            "org.tensorflow..", "org.bytedeco..");

    @ArchTest
    static final ArchRule onnxRuntimeBackendImportsOnlyApiTheTracerAndItsEngine = backendOnlyUses("onnxruntime",
            "org.lpa4j.onnx..", "ai.onnxruntime..");

    @ArchTest
    static final ArchRule onnxExportUsesOnlyApiModelsAndProtobuf = classes().that().resideInAPackage("org.lpa4j.onnx..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK_AND_LOGGING, "org.lpa4j.api..", "org.lpa4j.models..",
                    "org.lpa4j.onnx..", "ai.onnx.proto..", "com.google.protobuf..", "com.fasterxml.jackson.."))
            .as("The ONNX export depends only on the api, saved models, the ONNX protobuf classes and Jackson: never an architecture,"
                    + " a trainer or an engine, so any network exports, a user's own included");

    @ArchTest
    static final ArchRule conformanceSuiteUsesOnlyApiAndJunit = classes().that().resideInAPackage("org.lpa4j.conformance..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    with(JDK_AND_LOGGING, "org.lpa4j.api..", "org.lpa4j.conformance..", "org.lpa4j.architectures..",
                            "org.lpa4j.trainers..", "org.lpa4j.datasets..", "org.junit..", "org.opentest4j.."))
            .as("The conformance suite depends only on the api, the engine-free modules and JUnit, so any backend can run it");

    @ArchTest
    static final ArchRule architecturesAndTrainersNeverImportABackend = noClasses()
            .that().resideInAnyPackage("org.lpa4j.architectures..", "org.lpa4j.trainers..", "org.lpa4j.datasets..")
            .should().dependOnClassesThat().resideInAnyPackage("org.lpa4j.backend..", "org.nd4j..", "ai.djl..", "org.tensorflow..",
                    "ai.onnxruntime..", "org.lpa4j.onnx..")
            .as("Architectures, trainers and datasets are written on the api only and never import a backend or an engine");

    @ArchTest
    static final ArchRule architecturesDoNotImportTrainers = noClasses().that().resideInAPackage("org.lpa4j.architectures..")
            .should().dependOnClassesThat().resideInAPackage("org.lpa4j.trainers..")
            .as("Architectures do not know how they are trained");

    @ArchTest
    static final ArchRule modelsUseOnlyTheApiAndJackson = classes().that().resideInAPackage("org.lpa4j.models..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK_AND_LOGGING, "org.lpa4j.api..", "org.lpa4j.models..",
                    "com.fasterxml.jackson.."))
            .as("Saved models depend only on the api and Jackson: architectures are found through the registry, backends through discovery");

    @ArchTest
    static final ArchRule experimentsSitAboveTrainersAndModelsAndBelowTheCli = classes().that().resideInAPackage("org.lpa4j.experiments..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(JDK_AND_LOGGING, "org.lpa4j.api..", "org.lpa4j.experiments..",
                    "org.lpa4j.models..", "org.lpa4j.trainers..", "com.fasterxml.jackson.."))
            .as("Experiments are written on the api, the trainers and the models: no engine, no architecture or data set by class, no CLI");

    @ArchTest
    static final ArchRule nothingBelowTheCliUsesExperiments = noClasses().that().resideInAnyPackage("org.lpa4j.api..", "org.lpa4j.backend..",
                    "org.lpa4j.conformance..", "org.lpa4j.architectures..", "org.lpa4j.trainers..", "org.lpa4j.datasets..", "org.lpa4j.models..")
            .should().dependOnClassesThat().resideInAPackage("org.lpa4j.experiments..")
            .as("Experiments sit above every library module: only the CLI and users' programs use them");

    @ArchTest
    static final ArchRule onlyTheCliWiresWithGuice = noClasses().that().resideOutsideOfPackage("org.lpa4j.cli..")
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
            .as("Only the CLI wires with Guice");

    @ArchTest
    static final ArchRule cliPartsDependDownward = noClasses().that().resideInAnyPackage("org.lpa4j.cli.fit..", "org.lpa4j.cli.option..",
                    "org.lpa4j.cli.inference..", "org.lpa4j.cli.output..", "org.lpa4j.cli.conformance..")
            .should().dependOnClassesThat().resideInAnyPackage("org.lpa4j.cli", "org.lpa4j.cli.command..")
            .as("The CLI's parts depend downward: the entry point wires the commands, the commands use fit, options, inference and"
                    + " output, and none of those uses a command or the entry point");

    @ArchTest
    static final ArchRule libraryCodeDoesNotPrint = noClasses().that().resideInAnyPackage("org.lpa4j.api..", "org.lpa4j.backend..",
                    "org.lpa4j.conformance..", "org.lpa4j.architectures..", "org.lpa4j.trainers..", "org.lpa4j.datasets..", "org.lpa4j.models..",
                    "org.lpa4j.experiments..", "org.lpa4j.onnx..")
            // The one exception swaps System.out to silence a line SameDiff prints itself; it prints nothing.
            .and().doNotHaveFullyQualifiedName("org.lpa4j.backend.nd4j.Nd4jQuietStdout")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .as("Library code logs through SLF4J and never prints to standard output or error");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.lpa4j.(**)").should().beFreeOfCycles()
            .as("There are no dependency cycles between lpa4j packages");

    private static ArchRule backendOnlyUses(String backend, String... enginePackages) {
        String own = "org.lpa4j.backend." + backend + "..";
        String[] allowed = with(with(JDK_AND_LOGGING, "org.lpa4j.api..", own), enginePackages);
        return classes().that().resideInAPackage(own).should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .as("The " + backend + " backend depends only on the api, its engine, the JDK and SLF4J");
    }

    private static String[] with(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }
}
