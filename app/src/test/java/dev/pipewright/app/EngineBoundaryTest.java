// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The app reaches the engine only through the run backend interface and what a run publishes
 * ({@code engine.api}), the reports made from a snapshot ({@code engine.report}) and queueing
 * theory ({@code engine.theory}): never the simulation, its runner, entities or the command line,
 * so a backend for a real broker plugs in with no change to the app.
 */
class EngineBoundaryTest {
    private static final JavaClasses APP = new ClassFileImporter()
            // Tests may drive a Simulation directly; the build directory name varies (-Dpw.build), so match by folder.
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.pipewright.app");

    @Test
    void theAppReachesTheEngineOnlyThroughItsApiReportsAndTheory() {
        noClasses().that().resideInAPackage("dev.pipewright.app..")
                .should().dependOnClassesThat(resideInAnyPackage("dev.pipewright.engine..", "dev.pipewright.cli..")
                        .and(not(resideInAnyPackage("dev.pipewright.engine.api..", "dev.pipewright.engine.report..",
                                "dev.pipewright.engine.theory.."))))
                .because("every run is driven through engine.api.RunBackend, so the app does not know which backend it drives")
                .check(APP);
    }
}
