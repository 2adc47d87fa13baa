package io.bulwark.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsAreSixteenLowercaseHexDigitsAndDoNotRepeat() {
        Pattern shape = Pattern.compile("[0-9a-f]{16}");
        Set<String> seen = new HashSet<>();
        List<String> malformed = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            String id = EventIds.next();
            if (!shape.matcher(id).matches()) {
                malformed.add(id);
            }
            seen.add(id);
        }
        assertThat(malformed).isEmpty();
        assertThat(seen).hasSize(200_000);
    }

    @Test
    void consecutiveIdsDoNotLookConsecutive() {
        String first = EventIds.next();
        String second = EventIds.next();

        assertThat(first.substring(0, 8)).isNotEqualTo(second.substring(0, 8));
    }
}
