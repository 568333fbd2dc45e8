// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The engine stays headless and quiet (no JavaFX, no AWT, no printing to the console), its packages
 * form no cycle, what a run publishes depends on the model alone, and the runtime entities are
 * reached only by the run that owns them.
 */
class ArchitectureTest {
    private final JavaClasses engine = new ClassFileImporter()
            // Test classes may print; the build directory name varies (-Dpw.build), so match by folder.
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.pipewright.engine", "dev.pipewright.cli");

    @Test
    void engineImportsNoJavaFx() {
        noClasses().that().resideInAPackage("dev.pipewright.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(engine);
    }

    @Test
    void engineImportsNoAwt() {
        noClasses().that().resideInAPackage("dev.pipewright.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..")
                .check(engine);
    }

    @Test
    void engineDoesNotPrintToTheConsole() {
        noClasses().that().resideInAPackage("dev.pipewright.engine..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(engine);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.pipewright.(**)").should().beFreeOfCycles().check(engine);
    }

    @Test
    void whatARunPublishesDependsOnTheModelAlone() {
        noClasses().that().resideInAPackage("dev.pipewright.engine.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.pipewright.engine", "dev.pipewright.engine.entity..",
                        "dev.pipewright.engine.kernel..", "dev.pipewright.engine.stats..",
                        "dev.pipewright.engine.report..", "dev.pipewright.cli..")
                .check(engine);
    }

    /**
     * The entities (and the compiler that builds them from a flow, which lives with them) are the
     * simulation's inside: only a {@link Simulation} (which compiles the flow and sends edits and
     * faults to its entities), its {@link Statistics} (which read them for a snapshot), its
     * {@link RunGuard} (which counts the messages they hold) and {@link RunChecks} (which compiles
     * payload templates and expressions to find what the engine would refuse) reach them. Everything
     * else, the backend and the command line among them, goes through those.
     */
    @Test
    void onlyTheSimulationItsStatisticsItsGuardAndTheRunChecksReachTheEntities() {
        noClasses().that().resideOutsideOfPackage("dev.pipewright.engine.entity..")
                .and(not(belongToAnyOf(Simulation.class, Statistics.class, RunGuard.class, RunChecks.class)))
                .should().dependOnClassesThat().resideInAPackage("dev.pipewright.engine.entity..")
                .check(engine);
    }

    /** The live backends: one package per broker, sharing dev.pipewright.brokers.live. */
    private final JavaClasses brokers = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.pipewright.brokers");

    /**
     * A live backend is as headless and quiet as the engine, is driven by the command line and the
     * app but never reaches back into them, and knows no other broker's package: a new broker is a
     * new package beside the others (the SQS and Kafka ones included), sharing only {@code brokers.live}.
     */
    @Test
    void eachBrokerPackageStandsAloneHeadlessAndQuiet() {
        noClasses().that().resideInAPackage("dev.pipewright.brokers..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "dev.pipewright.cli..",
                        "dev.pipewright.app..")
                .check(brokers);
        noClasses().that().resideInAPackage("dev.pipewright.brokers..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(brokers);
        java.util.List<String> all = java.util.List.of("rabbitmq", "artemis", "sqs", "mqtt", "kafka", "nats");
        for (String broker : all) {
            noClasses().that().resideInAPackage("dev.pipewright.brokers." + broker + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(all.stream()
                            .filter(other -> !other.equals(broker)).map(other -> "dev.pipewright.brokers." + other + "..")
                            .toArray(String[]::new))
                    .check(brokers);
        }
        noClasses().that().resideInAPackage("dev.pipewright.brokers.live..")
                .should().dependOnClassesThat().resideInAnyPackage(all.stream()
                        .map(other -> "dev.pipewright.brokers." + other + "..").toArray(String[]::new))
                .check(brokers);
    }
}
