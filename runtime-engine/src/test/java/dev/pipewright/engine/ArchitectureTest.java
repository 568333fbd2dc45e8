// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The engine stays headless and quiet: no JavaFX, no AWT, no printing to the console. */
class ArchitectureTest {
    private final JavaClasses engine = new ClassFileImporter()
            // Test classes may print; the build directory name varies (-Dpw.build), so match by folder.
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.pipewright.engine");

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
}
