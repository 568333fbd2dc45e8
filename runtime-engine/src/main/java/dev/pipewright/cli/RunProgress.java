// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.engine.Simulation;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line {@code pipewright run} keeps on a terminal's stderr during a long run: the
 * virtual time reached, events per second and an estimate of the time left, rewritten in place
 * at most once a second. Only for a terminal, where a carriage return moves back over the line;
 * the line holds only numbers and words of its own, nothing from the flow.
 */
final class RunProgress implements RunDriver.Watcher {
    private static final long EVERY_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private final double startSeconds;
    private final double endSeconds;
    private final long startNanos;
    private long lastNanos;
    private long lastEvents;
    private int lastLength;

    /**
     * @param startSeconds virtual time at the start (the events and time before it are not counted)
     * @param endSeconds virtual time the run goes to
     * @param nanoClock wall clock in nanoseconds ({@code System::nanoTime})
     */
    RunProgress(PrintWriter err, double startSeconds, double endSeconds, long startEvents, LongSupplier nanoClock) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.startSeconds = startSeconds;
        this.endSeconds = endSeconds;
        this.startNanos = nanoClock.getAsLong();
        this.lastNanos = startNanos;
        this.lastEvents = startEvents;
    }

    /** Whether this process's stderr is a terminal a person watches. */
    static boolean onTerminal() {
        // The launcher knows whether stderr itself is a terminal ([ -t 2 ]); Java only knows the console.
        String told = System.getProperty("pipewright.progress");
        if (told != null) {
            return told.equals("on");
        }
        return System.console() != null && System.console().isTerminal();
    }

    @Override
    public void between(Simulation simulation) {
        long now = nanoClock.getAsLong();
        if (now - lastNanos < EVERY_NANOS) {
            return;
        }
        long events = simulation.eventCount();
        double rate = (events - lastEvents) / ((now - lastNanos) / 1e9);
        lastNanos = now;
        lastEvents = events;
        show(line(simulation.now() - startSeconds, endSeconds - startSeconds, rate, (now - startNanos) / 1e9));
    }

    /** Takes the line away again, so the report starts on a clean line. */
    void clear() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }

    private void show(String line) {
        // Spaces over what is left of a longer previous line.
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    /**
     * One progress line, e.g. {@code 2h 05m of 100d simulated (0.1%), 3.42 M events/s, about 1h 40m
     * left (Ctrl-C stops with the report so far)}.
     *
     * @param reached virtual seconds run so far
     * @param total virtual seconds the run is to cover
     * @param eventsPerSecond events per wall second lately
     * @param wallSeconds wall seconds since the run started
     */
    static String line(double reached, double total, double eventsPerSecond, double wallSeconds) {
        double share = total > 0 ? Math.min(1, reached / total) : 1;
        String left = reached > 0 && wallSeconds > 0
                ? "about " + duration((total - reached) * wallSeconds / reached) + " left"
                : "time left not known yet";
        return String.format(Locale.ROOT, "%s of %s simulated (%.1f%%), %s events/s, %s (Ctrl-C stops with the report so far)",
                duration(reached), duration(total), 100 * share, events(eventsPerSecond), left);
    }

    /** Seconds as the two largest units: {@code 45s}, {@code 12m 05s}, {@code 3h}, {@code 100d 04h}. */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        long days = s / 86_400;
        long hours = s / 3_600 % 24;
        long minutes = s / 60 % 60;
        long secs = s % 60;
        if (days > 0) {
            return two(days, "d", hours, "h");
        }
        if (hours > 0) {
            return two(hours, "h", minutes, "m");
        }
        if (minutes > 0) {
            return two(minutes, "m", secs, "s");
        }
        return secs + "s";
    }

    private static String two(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + bigUnit : String.format(Locale.ROOT, "%d%s %02d%s", big, bigUnit, small, smallUnit);
    }

    private static String events(double perSecond) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            return "?";
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
