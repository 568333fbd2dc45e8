// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import java.io.StringWriter;

/** One in-process run of the command line, as {@code main} runs it: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PipewrightCli.run(args, out, err);
        return new CliRun(code, out.toString(), err.toString());
    }
}
