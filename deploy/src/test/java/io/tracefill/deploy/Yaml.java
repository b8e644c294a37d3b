package io.tracefill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small accessors over parsed YAML trees. */
final class Yaml {
    private Yaml() {
    }

    /** The node at a dotted path of field names ("spec.template.spec"); MissingNode when absent. */
    static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode n = node;
        for (String f : dottedPath.split("\\.")) {
            if (n == null || !n.isObject()) {
                return MissingNode.getInstance();
            }
            n = n.path(f);
        }
        return n;
    }

    static String text(JsonNode node, String dottedPath) {
        JsonNode n = at(node, dottedPath);
        return n.isValueNode() ? n.asText() : null;
    }

    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node != null && node.isValueNode()) {
            out.add(node.asText());
        }
        return out;
    }

    /** Field name → value of an object node, in order (empty for anything else). */
    static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** A string→string map node as a Map (labels, selectors); empty when absent. */
    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        fields(node).forEach((k, v) -> out.put(k, v.asText()));
        return out;
    }
}
