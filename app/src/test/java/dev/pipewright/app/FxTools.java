// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import dev.pipewright.app.export.DiagramExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * What the screenshot and benchmark tools (mains in the test sources, not tests) share: starting
 * the FX toolkit outside TestFX, running code on the FX thread and waiting for it, letting the
 * scene settle, and writing a scene to a PNG.
 */
public final class FxTools {
    private FxTools() {
    }

    /**
     * Starts the FX toolkit on JavaFX's own Headless platform with the software renderer, unless
     * the command line chose a platform or renderer.
     */
    public static void startHeadless() throws InterruptedException {
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        start();
    }

    /** Starts the FX toolkit with whatever platform the system properties name; returns once it runs. */
    public static void start() throws InterruptedException {
        Platform.setImplicitExit(false);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
    }

    /** Runs {@code action} on the FX thread and waits for it; its failure is rethrown here. */
    public static void onFx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(60, TimeUnit.SECONDS);
    }

    /** Lets a few pulses lay out and paint the scene before it is captured. */
    public static void settle(int pulses) throws Exception {
        for (int i = 0; i < pulses; i++) {
            onFx(() -> { });
            Thread.sleep(100);
        }
    }

    /** Writes a snapshot of {@code scene} to {@code file} as a PNG; call on the FX thread. */
    public static void writeSnapshot(Scene scene, Path file) {
        try {
            DiagramExport.writePng(scene.snapshot(null), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
