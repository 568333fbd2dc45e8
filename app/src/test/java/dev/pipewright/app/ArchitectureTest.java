// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The app's packages form no cycle; its view models (the state behind the windows, which the tests
 * drive without a scene) use no scene graph; and only the command-line entry points print.
 */
class ArchitectureTest {
    private final JavaClasses app = new ClassFileImporter()
            // Test classes may print; the build directory name varies (-Dpw.build), so match by folder.
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.pipewright.app");

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.pipewright.(**)").should().beFreeOfCycles().check(app);
    }

    /**
     * View models: the editor's state and selection, the documents and settings behind the file
     * menu, the run's controller, live edits and fault actions, and what the live panels compute before drawing it
     * (theory, health, rates, the texts). They may use JavaFX properties, never {@code javafx.scene}.
     */
    @Test
    void viewModelsUseNoSceneGraph() {
        noClasses().that().resideInAnyPackage("dev.pipewright.app.editor..", "dev.pipewright.app.files..")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.RunController")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.RunFaults")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.LiveEdits")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.FaultActions")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.TheoryReading")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.TheoryText")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.QueueTheory")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.QueueHealth")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.RateMeter")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.LiveFormat")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.NodeStatsText")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.LineageText")
                .or().haveFullyQualifiedName("dev.pipewright.app.live.ReportCsv")
                .or().haveFullyQualifiedName("dev.pipewright.app.properties.PropertyCatalog")
                .or().haveFullyQualifiedName("dev.pipewright.app.properties.ValueText")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .check(app);
    }

    @Test
    void onlyTheCommandLineEntryPointsPrint() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.pipewright.app.Main")
                .and().doNotHaveFullyQualifiedName("dev.pipewright.app.SmokeTest")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("the app reports through its windows and logs; Main and SmokeTest are run from a terminal")
                .check(app);
    }
}
