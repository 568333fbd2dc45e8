// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class UnexpectedFailureTest {
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new NullPointerException();
        }
    }

    @Test
    void aBugInACommandGivesOneLineAndExitTwoNotAStackTrace() {
        CommandLine cli = PipewrightCli.commandLine();
        cli.addSubcommand(new Boom());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute("boom")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("could not finish: null pointer").doesNotContain("Exception")
                .doesNotContain("at dev.");
    }

    @Test
    void messagesAreFlattenedToOneLine() {
        assertThat(Messages.oneLine(new IllegalStateException("first\n  second"))).isEqualTo("first second");
        assertThat(Messages.oneLine(new ArrayIndexOutOfBoundsException())).isEqualTo("array index out of bounds");
    }
}
