package io.tracefill.tracing;

import org.assertj.core.api.SoftAssertions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole expected shape of a trace in spec §15's notation: {@code child ← parent : reason}
 * for every link, every other kept span a root, and nothing else kept.
 *
 * <pre>
 * ExpectedTree.forest()
 *         .link("cp", "capp", "c-p sys_span mounted due to same span_id as child")
 *         .root("capp")
 *         .assertOn(view);
 * </pre>
 */
public final class ExpectedTree {
    private record Link(String parent, String reason) {
    }

    private final Map<String, Link> links = new LinkedHashMap<>();
    private final List<String> roots = new ArrayList<>();

    private ExpectedTree() {
    }

    public static ExpectedTree forest() {
        return new ExpectedTree();
    }

    /** {@code child ← parent : reason}. */
    public ExpectedTree link(String child, String parent, String reason) {
        links.put(child, new Link(parent, reason));
        return this;
    }

    /** Spans kept in the output without a parent. */
    public ExpectedTree root(String... ids) {
        roots.addAll(List.of(ids));
        return this;
    }

    /**
     * The output holds exactly the listed spans (so pruning is checked too); each link has its
     * parent and exact mount reason; each root has no parent, no reason and an empty
     * {@code deepflow_parent_span_id}.
     */
    public void assertOn(TraceView v) {
        Set<String> expected = new LinkedHashSet<>(links.keySet());
        expected.addAll(roots);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(v.ids()).as("kept spans (first _id of each output span)")
                .containsExactlyInAnyOrderElementsOf(expected);
        links.forEach((child, link) -> {
            if (!v.kept(child)) {
                return; // reported above
            }
            soft.assertThat(v.parentOf(child)).as("parent of %s", child).isEqualTo(link.parent());
            soft.assertThat(v.reason(child)).as("mount reason of %s", child).isEqualTo(link.reason());
            if (v.kept(link.parent())) {
                soft.assertThat(v.deepflowParentSpanId(child)).as("deepflow_parent_span_id of %s", child)
                        .isEqualTo(v.deepflowSpanId(link.parent()));
            }
        });
        for (String root : roots) {
            if (!v.kept(root)) {
                continue;
            }
            soft.assertThat(v.parentOf(root)).as("%s is a root", root).isNull();
            soft.assertThat(v.reason(root)).as("mount reason of root %s", root).isNull();
            soft.assertThat(v.deepflowParentSpanId(root)).as("deepflow_parent_span_id of root %s", root).isEmpty();
        }
        soft.assertAll();
    }

    /**
     * The deliberate divergence for eBPF spans without a 16-character span id:
     * {@code 0x<hex>.<tap_side>.<index>}, hex lowercase without leading zeros (Python's {@code hex()}).
     */
    public static String ebpfIdPattern(String tapSide, int index) {
        return "0x(?:0|[1-9a-f][0-9a-f]{0,15})\\." + Pattern.quote(tapSide) + "\\." + index;
    }
}
