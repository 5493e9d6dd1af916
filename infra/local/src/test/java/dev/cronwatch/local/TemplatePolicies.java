package dev.cronwatch.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The inline policy statements template.yaml gives a function, with each resource named by the
 * template's logical id ({@code !GetAtt Table.Arn} is "Table", {@code !Sub "${Table.Arn}/index/*"} is
 * "Table/index/*", {@code !Ref AlertTopic} is "AlertTopic"). Read from YAML nodes, so CloudFormation's
 * short-form tags need no constructor.
 */
final class TemplatePolicies {
    record Statement(boolean allow, Set<String> actions, Set<String> resources, boolean conditional) {
        boolean covers(String action, String resource) {
            return actions.contains(action) && (resources.contains(resource) || resources.contains("*"));
        }
    }

    private final MappingNode resources;

    private TemplatePolicies(MappingNode resources) {
        this.resources = resources;
    }

    static TemplatePolicies read(Path template) throws IOException {
        try (Reader reader = Files.newBufferedReader(template)) {
            MappingNode root = (MappingNode) new Yaml().compose(reader);
            return new TemplatePolicies((MappingNode) child(root, "Resources").orElseThrow());
        }
    }

    List<Statement> statements(String function) {
        List<Statement> found = new ArrayList<>();
        Node policies = child(resource(function), "Properties").flatMap(p -> child(p, "Policies")).orElse(null);
        if (!(policies instanceof SequenceNode list)) return found;
        for (Node policy : list.getValue()) {
            Node statements = child(policy, "Statement").orElse(null);
            if (!(statements instanceof SequenceNode each)) continue;
            for (Node s : each.getValue()) {
                found.add(new Statement("Allow".equals(scalar(child(s, "Effect").orElseThrow())),
                        names(child(s, "Action").orElseThrow()), names(child(s, "Resource").orElseThrow()),
                        child(s, "Condition").isPresent()));
            }
        }
        return found;
    }

    private Node resource(String logicalId) {
        return child(resources, logicalId).orElseThrow(() -> new IllegalArgumentException("no resource " + logicalId));
    }

    private static Set<String> names(Node node) {
        Set<String> names = new LinkedHashSet<>();
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(n -> names.add(logicalName(n)));
        } else {
            names.add(logicalName(node));
        }
        return names;
    }

    private static String logicalName(Node node) {
        String value = scalar(node);
        return switch (node.getTag().getValue()) {
            case "!GetAtt" -> value.substring(0, value.indexOf('.'));
            case "!Sub" -> value.replaceAll("\\$\\{(\\w+)\\.Arn}", "$1");
            default -> value; // !Ref X, or a literal such as "*"
        };
    }

    private static String scalar(Node node) {
        return ((ScalarNode) node).getValue();
    }

    private static Optional<Node> child(Node node, String key) {
        if (!(node instanceof MappingNode map)) return Optional.empty();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return Optional.of(t.getValueNode());
        }
        return Optional.empty();
    }
}
