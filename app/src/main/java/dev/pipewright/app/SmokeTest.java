// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.app.files.Dialogs;
import dev.pipewright.app.files.Samples;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.engine.api.Conservation;
import dev.pipewright.engine.api.FlowNotRunnableException;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunBackends;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.check.Finding;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * {@code pipewright --smoke-test [FILE | --sample ID]}: proves that an installed app works, end to
 * end, on the real JavaFX toolkit. It shows the main window with the flow (the default sample when
 * none is named), runs that flow for {@link #SIMULATED_SECONDS} on the engine's virtual clock,
 * checks the conservation law, prints one line and exits: 0 when everything worked, 1 with the
 * reason when something did not.
 *
 * <p>It also measures the time from the start of the JVM to the window's first frame, and the CPU
 * time the process had used by then (all its threads; on a busy machine the wall time grows, the
 * CPU time much less). The first frame counts as shown at the start of the pulse after the one
 * that laid the window out: JavaFX renders a pulse before it starts the next one.
 *
 * <p>Nothing waits for a person: the settings, recent files and recovery folder are a fresh
 * temporary folder, and any error the app would show in a dialog ends the test with that message.
 */
public final class SmokeTest extends Application {
    /** The command-line option that runs it. */
    public static final String OPTION = "--smoke-test";
    /** How long the flow runs, in virtual seconds. */
    public static final double SIMULATED_SECONDS = 5.0;
    /** Wall time after which a test that has not finished (a hung start, a stuck run) fails. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(120);

    private static final String PREFIX = "pipewright smoke test: ";
    /** Where {@link #start} reports; set by {@link #run} before the toolkit starts. */
    private static volatile Consumer<Outcome> report = outcome -> { };

    /**
     * How a smoke test ended.
     *
     * @param ok true when every check passed
     * @param line the one line to print, starting with {@code pipewright smoke test:}
     */
    public record Outcome(boolean ok, String line) {
        public Outcome {
            Objects.requireNonNull(line, "line");
        }

        static Outcome failed(String reason) {
            return new Outcome(false, PREFIX + "failed: " + oneLine(reason));
        }

        /** The process's exit code. */
        public int exitCode() {
            return ok ? 0 : 1;
        }
    }

    /** True when {@code args} ask for the smoke test. */
    public static boolean requested(String[] args) {
        return List.of(args).contains(OPTION);
    }

    /**
     * Runs the smoke test in this process: starts the toolkit, prints the outcome's line and
     * returns the exit code. Call it once, from {@code main}.
     */
    public static int run(String[] args) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        report = o -> {
            if (outcome.complete(o)) {
                Platform.exit();
            }
        };
        // An exception on the FX thread or the engine's would otherwise be printed and forgotten.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                report.accept(Outcome.failed("unexpected error on thread " + thread.getName() + ": " + describe(e))));
        try {
            Thread launcher = Thread.ofPlatform().name("smoke-test-launcher").daemon().start(() -> {
                try {
                    Application.launch(SmokeTest.class, args);
                    outcome.complete(Outcome.failed("the app stopped before the test finished"));
                } catch (RuntimeException e) {
                    outcome.complete(Outcome.failed("JavaFX could not start: " + describe(e)));
                }
            });
            Outcome o;
            try {
                o = outcome.get(GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                o = Outcome.failed("it did not finish within " + GIVE_UP_AFTER.toSeconds()
                        + " s (the window or the run is stuck)");
            }
            System.out.println(o.line());
            launcher.join(TimeUnit.SECONDS.toMillis(5));
            return o.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.out.println(Outcome.failed("interrupted").line());
            return 1;
        } catch (java.util.concurrent.ExecutionException e) {
            System.out.println(Outcome.failed(describe(e.getCause())).line());
            return 1;
        }
    }

    @Override
    public void start(Stage stage) {
        Path home;
        try {
            home = Files.createTempDirectory("pipewright-smoke-");
        } catch (IOException e) {
            report.accept(Outcome.failed("cannot create a temporary folder: " + describe(e)));
            return;
        }
        Consumer<Outcome> done = report;
        begin(stage, StartupOptions.parse(getParameters().getRaw()), new AppHome(home), jvmStart(), o -> {
            deleteQuietly(home);
            done.accept(o);
        });
    }

    /**
     * Shows the window on {@code stage}, opens what {@code options} name, runs it and hands the
     * outcome to {@code done} on the FX thread. Call on the FX thread; returns at once.
     *
     * @param since the instant the first-frame time is measured from
     */
    static void begin(Stage stage, StartupOptions options, AppHome home, Instant since, Consumer<Outcome> done) {
        new Run(stage, options, home, since, done).begin();
    }

    /**
     * The outcome of a run that reached {@code last}: ok when the run got to
     * {@link #SIMULATED_SECONDS}, produced messages and kept the conservation law.
     *
     * @param what what was run, e.g. {@code sample competing-consumers}
     */
    static Outcome judge(String what, Snapshot last, Duration firstFrame, Duration cpuAtFirstFrame) {
        Conservation c = last.conservation();
        if (!c.holds()) {
            return Outcome.failed("the conservation law does not hold after " + seconds(last.time())
                    + " simulated of " + what + ": " + c);
        }
        if (c.produced() == 0) {
            return Outcome.failed(what + " produced no message in " + seconds(last.time()) + " simulated");
        }
        if (last.time() < SIMULATED_SECONDS) {
            return Outcome.failed("the run of " + what + " stopped at " + seconds(last.time()) + " simulated, before "
                    + seconds(SIMULATED_SECONDS));
        }
        return new Outcome(true, PREFIX + "ok (" + what + ", " + seconds(last.time()) + " simulated, "
                + String.format(Locale.ROOT, "%,d", c.produced()) + " messages, first frame "
                + firstFrame.toMillis() + " ms"
                + (cpuAtFirstFrame == null ? "" : " after " + cpuAtFirstFrame.toMillis() + " ms of CPU") + ")");
    }

    /** One smoke test: the window, then the first frame, then the run. */
    private static final class Run {
        private final Stage stage;
        private final StartupOptions options;
        private final AppHome home;
        private final Instant since;
        private final Consumer<Outcome> done;
        private final String what;
        private MainWindow window;
        private RunBackend runner;
        private Duration firstFrame;
        private Duration cpuAtFirstFrame;
        private boolean finished;

        Run(Stage stage, StartupOptions options, AppHome home, Instant since, Consumer<Outcome> done) {
            this.stage = Objects.requireNonNull(stage, "stage");
            this.options = Objects.requireNonNull(options, "options");
            this.home = Objects.requireNonNull(home, "home");
            this.since = Objects.requireNonNull(since, "since");
            this.done = Objects.requireNonNull(done, "done");
            this.what = options.file() != null ? "file " + options.file().getFileName()
                    : "sample " + (options.sampleId() != null ? options.sampleId() : Samples.DEFAULT_ID);
        }

        void begin() {
            window = new MainWindow(stage, home, new FailingDialogs(this::fail), null);
            frames.start();
            window.show(() -> PipewrightApp.openInitial(window, options));
        }

        /** Counts pulses: the second one after the window is shown marks its first frame as done. */
        private final AnimationTimer frames = new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (finished) {
                    stop();
                    return;
                }
                if (firstFrame == null && ++pulses == 2) {
                    firstFrame = Duration.between(since, Instant.now());
                    cpuAtFirstFrame = ProcessHandle.current().info().totalCpuDuration().orElse(null);
                    startRun();
                } else if (runner != null) {
                    poll();
                }
            }
        };

        private void startRun() {
            RunBackend backend = RunBackends.standard();
            try {
                backend.start(window.state().flow(), window.live().run().seedProperty().get(), RunLimits.DEFAULTS);
                runner = backend;
            } catch (FlowNotRunnableException e) {
                fail(what + " cannot run: " + String.join("; ", e.problems()));
                return;
            }
            runner.setAsFastAsPossible();
            runner.runUntil(SIMULATED_SECONDS);
        }

        private void poll() {
            if (runner.failure() != null) {
                fail("the run of " + what + " failed: " + describe(runner.failure()));
                return;
            }
            Snapshot s = runner.latest();
            if (!runner.isPlaying() && s.time() >= SIMULATED_SECONDS) {
                finish(judge(what, s, firstFrame, cpuAtFirstFrame));
            }
        }

        private void fail(String reason) {
            finish(Outcome.failed(reason));
        }

        private void finish(Outcome outcome) {
            if (finished) {
                return;
            }
            finished = true;
            frames.stop();
            if (runner != null) {
                runner.close();
            }
            done.accept(outcome);
        }
    }

    /** Dialogs that show nothing: an error ends the test with its message, and no question is ever yes. */
    private record FailingDialogs(Consumer<String> fail) implements Dialogs {
        @Override
        public SaveChoice askSaveChanges(String documentName) {
            return SaveChoice.DONT_SAVE;
        }

        @Override
        public boolean offerRecovery(String description) {
            return false;
        }

        @Override
        public void showError(String title, String message) {
            fail.accept(title + ": " + message);
        }

        @Override
        public boolean previewExport(String title, String text, List<Finding> warnings) {
            return false;
        }

        @Override
        public Optional<String> chooseOne(String title, String question, List<String> choices) {
            return Optional.empty();
        }

        @Override
        public Optional<BrokerLogin> askBrokerLogin(String url, String user) {
            return Optional.empty();
        }
    }

    /** The JVM's start, to the millisecond (the process's start time is only known to the second on Linux). */
    private static Instant jvmStart() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /** The reason on one line: no line breaks or control characters reach the terminal. */
    private static String oneLine(String s) {
        return s.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind does no harm.
        }
    }
}
