package io.bulwark.agent.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndKeepsAnUnterminatedLastLine() throws IOException {
        assertThat(lines("a\r\nbb\n\nccc", 100)).containsExactly("a", "bb", "", "ccc");
        assertThat(lines("", 100)).isEmpty();
        assertThat(lines("x\n", 100)).containsExactly("x");
    }

    @Test
    void linesLongerThanTheFirstBufferAreReadWhole() throws IOException {
        String long1 = "L".repeat(200_000);
        String long2 = "M".repeat(70_000);

        assertThat(lines("s\n" + long1 + "\n" + long2 + "\nt", 1 << 20)).containsExactly("s", long1, long2, "t");
    }

    @Test
    void anOversizedLineIsReportedOnceAndSkippedUpToItsNewline() throws IOException {
        String huge = "H".repeat(300_000);

        assertThat(lines("a\n" + huge + "\nb\n" + huge, 100_000))
                .containsExactly("a", "<oversized>", "b", "<oversized>");
    }

    private static List<String> lines(String text, int max) throws IOException {
        LineSplitter splitter = new LineSplitter(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
        List<String> out = new ArrayList<>();
        LineSplitter.Line line;
        while ((line = splitter.next()) != LineSplitter.Line.END) {
            out.add(line == LineSplitter.Line.OVERSIZED ? "<oversized>"
                    : new String(splitter.bytes(), splitter.offset(), splitter.length(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
