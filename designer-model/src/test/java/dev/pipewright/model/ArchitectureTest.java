// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The model stays pure: no GUI toolkit, no printing to the console; its packages form no cycle. */
class ArchitectureTest {
    private static final JavaClasses MODEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pipewright.model");

    @Test
    void theModelImportsNoJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the model is pure Java so it is tested headless and used by the command line")
                .check(MODEL);
    }

    @Test
    void theModelImportsNoAwtOrSwing() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..")
                .check(MODEL);
    }

    @Test
    void theModelDoesNotPrintToTheConsole() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MODEL);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.pipewright.(**)").should().beFreeOfCycles().check(MODEL);
    }
}
