package io.bulwark.policies.model.parse;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A JSON value that remembers where it starts, so that checks made long after reading can still point at it.
 * Jackson's own tree forgets positions, hence this one.
 */
sealed interface Node {

    Position position();

    /** How a message names this kind of value: "got a string". */
    String kind();

    /** @param members in file order; a duplicate key is reported and its second value dropped */
    record ObjectNode(Position position, Map<String, Member> members) implements Node {
        @Override
        public String kind() {
            return "an object";
        }
    }

    record Member(Position keyPosition, Node value) {
    }

    record ArrayNode(Position position, List<Node> items) implements Node {
        @Override
        public String kind() {
            return "a list";
        }
    }

    record StringNode(Position position, String value) implements Node {
        @Override
        public String kind() {
            return "a string";
        }
    }

    /** @param integral written without fraction or exponent */
    record NumberNode(Position position, BigDecimal value, boolean integral) implements Node {
        @Override
        public String kind() {
            return "a number";
        }
    }

    record BooleanNode(Position position, boolean value) implements Node {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    record NullNode(Position position) implements Node {
        @Override
        public String kind() {
            return "null";
        }
    }
}
