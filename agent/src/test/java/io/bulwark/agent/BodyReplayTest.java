package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.bootstrap.Bridge;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** What the stream hooks are told to do: let the stream run, or return a replayed result. */
class BodyReplayTest {

    @Test
    void withoutASavedBodyEveryStreamMethodRunsAsItWould() {
        assertThat(BodyReplay.read(null, new byte[4], 0, 4)).isEqualTo(Bridge.READ_ON);
        assertThat(BodyReplay.read(null)).isEqualTo(Bridge.READ_ON);
        assertThat(BodyReplay.read(null, ByteBuffer.allocate(4))).isEqualTo(Bridge.READ_ON);
        for (int question = 0; question < 3; question++) {
            assertThat(BodyReplay.state(null, question)).isEqualTo(Bridge.READ_ON);
        }
    }

    @Test
    void aSavedBodyIsReplayedThenEndsWithMinusOneAndIsFinished() throws IOException {
        SavedBody body = SavedBody.read(new ByteArrayInputStream(new byte[] {7, 8, 9}), 10);
        byte[] buffer = new byte[8];

        assertThat(Bridge.replayed(BodyReplay.state(body, 0))).as("available").isEqualTo(3);
        assertThat(Bridge.replayed(BodyReplay.state(body, 1))).as("not finished").isZero();
        assertThat(Bridge.replayed(BodyReplay.read(body))).isEqualTo(7);
        assertThat(Bridge.replayed(BodyReplay.read(body, buffer, 1, 7))).isEqualTo(2);
        assertThat(buffer[1]).isEqualTo((byte) 8);
        assertThat(Bridge.replayed(BodyReplay.read(body, buffer, 0, 8))).isEqualTo(-1);
        assertThat(Bridge.replayed(BodyReplay.read(body))).isEqualTo(-1);
        assertThat(Bridge.replayed(BodyReplay.state(body, 1))).as("finished").isEqualTo(1);
        assertThat(Bridge.replayed(BodyReplay.state(body, 2))).as("ready").isEqualTo(1);
    }

    @Test
    void aPrefixIsReplayedThenTheStreamReadsOn() throws IOException {
        SavedBody prefix = SavedBody.read(new ByteArrayInputStream(new byte[50]), 9);

        assertThat(Bridge.replayed(BodyReplay.read(prefix, new byte[64], 0, 64))).isEqualTo(10);
        assertThat(BodyReplay.read(prefix, new byte[64], 0, 64)).isEqualTo(Bridge.READ_ON);
        assertThat(BodyReplay.state(prefix, 1)).isEqualTo(Bridge.READ_ON);
    }

    @Test
    void badArgumentsAreLeftToTheStreamToRefuseAndConsumeNothing() throws IOException {
        SavedBody body = SavedBody.read(new ByteArrayInputStream(new byte[] {1}), 10);
        assertThat(BodyReplay.read(body, new byte[2], 1, 5)).isEqualTo(Bridge.READ_ON);
        assertThat(BodyReplay.read(body, null, 0, 1)).isEqualTo(Bridge.READ_ON);
        assertThat(BodyReplay.read(body, new byte[2], -1, 1)).isEqualTo(Bridge.READ_ON);
        assertThat(Bridge.replayed(BodyReplay.read(body))).isEqualTo(1);
    }

    @Test
    void onlyTheStreamTheBodyCameFromIsServed() throws IOException {
        InputStream stream = new ByteArrayInputStream(new byte[] {1});
        SavedBody body = SavedBody.read(stream, 10);

        assertThat(BodyReplay.find(body, stream)).isSameAs(body);
        assertThat(BodyReplay.find(body, new ByteArrayInputStream(new byte[0]))).isNull();
    }
}
