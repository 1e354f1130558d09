package io.msgflow.examples.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The IAM policy statements of a template: all of them, and what one role allows. */
final class Policies {
    /** One action an Allow statement grants on one resource (a literal or an intrinsic function). */
    record Grant(String action, JsonNode resource) {
    }

    private Policies() {
    }

    /** Every policy statement anywhere in the template: role policies, trust policies, queue policies. */
    static List<JsonNode> statements(Template template) {
        List<JsonNode> statements = new ArrayList<>();
        collect(template.resources(), statements);
        return statements;
    }

    private static void collect(JsonNode node, List<JsonNode> statements) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("Statement")) {
                    Template.oneOrMany(e.getValue()).forEach(statements::add);
                } else {
                    collect(e.getValue(), statements);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, statements));
        }
    }

    /** What the inline policies of a role allow. */
    static List<Grant> grantsOf(Template template, String role) {
        List<Grant> grants = new ArrayList<>();
        for (JsonNode policy : template.properties(role).path("Policies")) {
            for (JsonNode statement : Template.oneOrMany(policy.path("PolicyDocument").path("Statement"))) {
                if (statement.path("Effect").asText().equals("Allow")) {
                    for (JsonNode action : Template.oneOrMany(statement.path("Action"))) {
                        Template.oneOrMany(statement.path("Resource")).forEach(resource -> grants.add(new Grant(action.asText(), resource)));
                    }
                }
            }
        }
        return grants;
    }

    /** The textual parts of a policy value ({@code Action} or {@code Resource}) that hold a {@code *}. */
    static List<String> wildcards(JsonNode value) {
        List<String> found = new ArrayList<>();
        if (value.isTextual() && value.asText().contains("*")) {
            found.add(value.asText());
        } else if (value.isContainerNode()) {
            value.forEach(child -> found.addAll(wildcards(child)));
        }
        return found;
    }
}
