package io.msgflow.examples.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.internal.Json;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation/SAM template written in YAML into a JSON tree, turning the short-form
 * intrinsic functions into their long form as CloudFormation does: {@code !Ref X} becomes
 * {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}},
 * {@code !Sub s} becomes {@code {"Fn::Sub": "s"}}, and so on for every {@code !Name}.
 */
final class CloudFormationYaml {
    private CloudFormationYaml() {
    }

    static JsonNode read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object tree = new Yaml(new IntrinsicFunctions()).load(reader);
            return Json.MAPPER.valueToTree(tree);
        }
    }

    /** Constructs every node tagged {@code !Name} as the one-key map of its long form. */
    private static final class IntrinsicFunctions extends SafeConstructor {
        IntrinsicFunctions() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new LongForm());
        }

        private final class LongForm extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String name = node.getTag().getValue().substring(1);
                String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = name.equals("GetAtt") ? List.of(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
