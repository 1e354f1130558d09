package io.msgflow.internal.filter;

import java.util.List;

/** The compiled policy tree: keys AND together, {@code $or} branches OR together, a key's values OR together. */
public sealed interface PolicyNode permits PolicyNode.AllOf, PolicyNode.AnyOf, PolicyNode.Leaf {
    boolean matches(Evaluation evaluation);

    /** The keys of one policy object (and its {@code $or}s): all must match. */
    final class AllOf implements PolicyNode {
        private final PolicyNode[] children;

        public AllOf(List<PolicyNode> children) {
            this.children = children.toArray(new PolicyNode[0]);
        }

        @Override
        public boolean matches(Evaluation evaluation) {
            for (PolicyNode child : children) {
                if (!child.matches(evaluation)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The branches of a {@code $or}: one must match. */
    final class AnyOf implements PolicyNode {
        private final PolicyNode[] branches;

        public AnyOf(List<PolicyNode> branches) {
            this.branches = branches.toArray(new PolicyNode[0]);
        }

        @Override
        public boolean matches(Evaluation evaluation) {
            for (PolicyNode branch : branches) {
                if (branch.matches(evaluation)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One key and its value array: one element must match. */
    final class Leaf implements PolicyNode {
        private final int field;
        private final FieldMatcher[] matchers;

        public Leaf(int field, List<FieldMatcher> matchers) {
            this.field = field;
            this.matchers = matchers.toArray(new FieldMatcher[0]);
        }

        @Override
        public boolean matches(Evaluation evaluation) {
            FieldValues values = evaluation.field(field);
            for (FieldMatcher matcher : matchers) {
                if (matcher.matches(values, evaluation)) {
                    return true;
                }
            }
            return false;
        }
    }
}
