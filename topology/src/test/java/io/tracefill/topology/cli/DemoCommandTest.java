package io.tracefill.topology.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code demo} for a bounded time, in this JVM, on ports the OS picks. */
class DemoCommandTest {
    /** One drawn span: its depth in the tree and its kind (A, S or N). */
    private record Line(int depth, char kind, String text) {
    }

    @Test
    void aShortDemoDrawsTracesWhereSystemAndNetworkSpansHangUnderAppSpans() {
        CliRun run = CliRun.of("demo", "--duration", "30s", "--rate", "20", "--kafka-port", "0",
                "--controller-port", "0", "--http-port", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("tracefill demo: ran ", "all data deleted")
                .doesNotContain("Exception", "\r"); // not a terminal: plain status lines
        List<List<Line>> trees = trees(run.out());
        assertThat(trees).as("trees drawn; stderr:\n%s", run.err()).isNotEmpty();
        boolean systemUnderApp = false;
        boolean networkUnderApp = false;
        for (List<Line> tree : trees) {
            for (int i = 0; i < tree.size(); i++) {
                boolean underApp = hasAppAncestor(tree, i);
                systemUnderApp |= tree.get(i).kind() == 'S' && underApp;
                networkUnderApp |= tree.get(i).kind() == 'N' && underApp;
            }
        }
        assertThat(systemUnderApp).as("an S span under an A span in\n%s", run.out()).isTrue();
        assertThat(networkUnderApp).as("an N span under an A span in\n%s", run.out()).isTrue();
    }

    /** The drawn trees: after a {@code trace <id> ...} header, one line per span, indented 2 columns a level. */
    private static List<List<Line>> trees(String out) {
        List<List<Line>> trees = new ArrayList<>();
        List<Line> current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("trace ")) {
                current = new ArrayList<>();
                trees.add(current);
            } else if (current != null && !line.isBlank() && !line.startsWith("  http") && !line.startsWith("...")) {
                int at = 0;
                while (at < line.length() && "|`- ".indexOf(line.charAt(at)) >= 0) {
                    at++;
                }
                assertThat(at % 2).as("indentation of '%s'", line).isZero();
                current.add(new Line(at / 2, line.charAt(at), line));
            }
        }
        return trees;
    }

    private static boolean hasAppAncestor(List<Line> tree, int index) {
        int depth = tree.get(index).depth();
        for (int i = index - 1; i >= 0 && depth > 0; i--) {
            if (tree.get(i).depth() < depth) {
                if (tree.get(i).kind() == 'A') {
                    return true;
                }
                depth = tree.get(i).depth();
            }
        }
        return false;
    }
}
