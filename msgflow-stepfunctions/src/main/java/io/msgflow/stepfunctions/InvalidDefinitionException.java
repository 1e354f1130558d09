package io.msgflow.stepfunctions;

import io.msgflow.MsgflowException;
import java.util.List;

/**
 * A state machine definition breaks a rule of the Amazon States Language (or asks for something
 * this interpreter does not do). Thrown before anything runs; the message lists every violation,
 * each naming the state (as a path such as {@code ProcessMessages/Branches[0]/Drain}) and the rule.
 */
public class InvalidDefinitionException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public InvalidDefinitionException(List<Violation> violations) {
        super(message(violations));
        this.violations = List.copyOf(violations);
    }

    /** Every rule the definition breaks, in the order they were found; never empty. */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        StringBuilder text = new StringBuilder("the state machine definition is invalid (")
                .append(violations.size()).append(violations.size() == 1 ? " violation" : " violations").append("):");
        violations.forEach(v -> text.append(System.lineSeparator()).append("  - ").append(v));
        return text.toString();
    }

    /**
     * One broken rule.
     *
     * @param location the state (or {@code "(root)"}) and field, e.g. {@code "States.Publish.Retry[0]"}
     * @param rule what the rule demands and what the definition has instead
     */
    public record Violation(String location, String rule) {
        @Override
        public String toString() {
            return location + ": " + rule;
        }
    }
}
