// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Command(name = "deep")
    static final class Deep implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }

    @Command(name = "greedy")
    static final class Greedy implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    private static String[] run(Object command, String name) {
        CommandLine cli = PipewrightCli.commandLine();
        cli.addSubcommand(command);
        StringWriter err = new StringWriter();
        int code = PipewrightCli.run(cli, new String[] {name}, new StringWriter(), err);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void aBugInACommandGivesOneSentenceAndExitTwoNotAStackTrace() {
        String[] run = run(new Boom(), "boom");
        assertThat(run[0]).isEqualTo("2");
        assertThat(run[1].strip().lines()).hasSize(1);
        assertThat(run[1]).contains("internal error: null pointer", "please report it").doesNotContain("Exception")
                .doesNotContain("at dev.");
    }

    @Test
    void errorsPicocliLetsThroughAreOneSentenceToo() {
        String[] deep = run(new Deep(), "deep");
        assertThat(deep[0]).isEqualTo("2");
        assertThat(deep[1].strip().lines()).hasSize(1);
        assertThat(deep[1]).contains("internal error: ", "nested too deeply").doesNotContain("Error");
        String[] greedy = run(new Greedy(), "greedy");
        assertThat(greedy[0]).isEqualTo("2");
        assertThat(greedy[1].strip().lines()).hasSize(1);
        assertThat(greedy[1]).contains("more memory than Java may use", "-Xmx").doesNotContain("Error")
                .doesNotContain("heap space");
    }

    @Test
    void messagesAreFlattenedToOneLine() {
        assertThat(Messages.oneLine(new IllegalStateException("first\n  second"))).isEqualTo("first second");
        assertThat(Messages.oneLine(new ArrayIndexOutOfBoundsException())).isEqualTo("array index out of bounds");
    }
}
