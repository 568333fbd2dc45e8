// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

/** One sentence for a failure nothing expected: what happened and that it should be reported. */
final class InternalErrors {
    private InternalErrors() {
    }

    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "Pipewright needed more memory than Java may use (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MiB); for a run, lower --max-messages or --max-heap, or give Java more memory,"
                    + " e.g. JAVA_TOOL_OPTIONS=-Xmx8g";
        }
        if (e instanceof StackOverflowError) {
            return "internal error: the input is nested too deeply for Pipewright to follow;"
                    + " please report it with the flow file";
        }
        return "internal error: " + Messages.oneLine(e) + "; please report it with the flow file";
    }
}
