package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.bootstrap.CallDepth;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The body saved at entry, read back the ways a servlet stream is read. */
class SavedBodyTest {

    private static final byte[] BODY = "{\"name\": \"Zoë 漢字\"}\nsecond line".getBytes(StandardCharsets.UTF_8);

    /** A stream that hands out at most three bytes a call, as a network stream may. */
    private static InputStream trickling(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    @Test
    void readsTheWholeBodyWithinTheCapAndGivesItBackByteForByte() throws IOException {
        SavedBody saved = SavedBody.read(trickling(BODY), BODY.length);

        assertThat(saved.complete()).isTrue();
        byte[] back = new byte[BODY.length];
        int n = 0;
        for (int r; (r = saved.read(back, n, Math.min(5, back.length - n))) > 0; ) {
            n += r;
        }
        assertThat(back).isEqualTo(BODY);
        assertThat(saved.read(back, 0, 1)).isEqualTo(-1);
        assertThat(saved.read()).isEqualTo(-1);
        assertThat(saved.finished()).isTrue();
        assertThat(saved.available()).isZero();
    }

    @Test
    void aBodyOverTheCapIsKeptOnlyToOneBytePastItAndTheStreamAnswersForTheRest() throws IOException {
        byte[] big = new byte[10_000];
        SavedBody saved = SavedBody.read(new ByteArrayInputStream(big), 100);

        assertThat(saved.complete()).isFalse();
        assertThat(saved.length()).isEqualTo(101);
        assertThat(saved.read(new byte[500], 0, 500)).isEqualTo(101);
        assertThat(saved.read(new byte[1], 0, 1)).isEqualTo(SavedBody.STREAM_ANSWERS);
        assertThat(saved.read()).isEqualTo(SavedBody.STREAM_ANSWERS);
        assertThat(saved.finished()).isNull();
        assertThat(saved.available()).isEqualTo(SavedBody.STREAM_ANSWERS);
    }

    @Test
    void theDeclaredLengthSizesTheBufferButNeverBuysMoreThanTheUsualFirstArray() throws IOException {
        SavedBody exact = SavedBody.read(trickling(BODY), 1000, BODY.length);
        assertThat(exact.complete()).isTrue();
        assertThat(exact.length()).isEqualTo(BODY.length);
        assertThat(exact.bytes()).hasSize(BODY.length + 1); // one spare byte to meet the end

        // a body longer than its declared length (a container that does not enforce it) is still read whole
        SavedBody longer = SavedBody.read(new ByteArrayInputStream(new byte[300]), 1000, 10);
        assertThat(longer.complete()).isTrue();
        assertThat(longer.length()).isEqualTo(300);

        // a client declaring a large body and sending little holds no more than the usual first array
        SavedBody claimed = SavedBody.read(new ByteArrayInputStream(BODY), 1 << 20, 1 << 20);
        assertThat(claimed.bytes().length).isLessThanOrEqualTo(4096);
        assertThat(claimed.length()).isEqualTo(BODY.length);

        SavedBody over = SavedBody.read(new ByteArrayInputStream(new byte[500]), 100, 500);
        assertThat(over.complete()).isFalse();
        assertThat(over.length()).isEqualTo(101);
    }

    @Test
    void aBodyOfExactlyTheCapIsComplete() throws IOException {
        assertThat(SavedBody.read(new ByteArrayInputStream(new byte[100]), 100).complete()).isTrue();
        assertThat(SavedBody.read(new ByteArrayInputStream(new byte[0]), 100).length()).isZero();
    }

    @Test
    void theAgentsOwnReadsAreNotCountedAsTheApps() throws IOException {
        int[] depthSeen = new int[1];
        InputStream watching = new ByteArrayInputStream(BODY) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                depthSeen[0] = Math.max(depthSeen[0], CallDepth.BODY.get());
                return super.read(b, off, len);
            }
        };
        SavedBody.read(watching, 1000);

        assertThat(depthSeen[0]).as("raised while reading, so the body hooks stay quiet").isEqualTo(1);
        assertThat(CallDepth.BODY.get()).as("and lowered after").isZero();
    }

    @Test
    void singleBytesBuffersAndStateFollowOnePosition() throws IOException {
        SavedBody saved = SavedBody.read(new ByteArrayInputStream(BODY), 1000);

        assertThat(saved.read()).isEqualTo('{');
        assertThat(saved.available()).isEqualTo(BODY.length - 1);
        assertThat(saved.ready()).isTrue();
        assertThat(saved.finished()).isFalse();
        ByteBuffer rest = ByteBuffer.allocate(BODY.length);
        assertThat(saved.read(rest)).isEqualTo(BODY.length - 1);
        assertThat(rest.flip().get()).isEqualTo((byte) '"');
        assertThat(saved.read(ByteBuffer.allocate(4))).isEqualTo(-1);
        assertThat(saved.read(new byte[4], 0, 0)).as("a zero-length read is zero, as InputStream says").isZero();
    }

    @Test
    void theReaderDecodesThroughTheStreamInTheGivenCharsetAndIsOnePerRequest() throws IOException {
        SavedBody saved = SavedBody.read(new ByteArrayInputStream(BODY), 1000);
        // the stream here is the drained source; in the agent, its hooks serve the saved bytes
        BufferedReader reader = saved.reader(StandardCharsets.UTF_8);

        assertThat(saved.reader(StandardCharsets.ISO_8859_1)).isSameAs(reader);
        assertThat(saved.readByApp()).isFalse();
        saved.read();
        assertThat(saved.readByApp()).as("the reader was handed out first").isFalse();
    }

    @Test
    void readingTheStreamFirstMarksTheBodyAsTheApps() throws IOException {
        SavedBody saved = SavedBody.read(new ByteArrayInputStream(BODY), 1000);
        assertThat(saved.readByApp()).isFalse();
        saved.read(new byte[2], 0, 2);
        assertThat(saved.readByApp()).isTrue();
    }

    @Test
    void savedBodiesAreFoundByTheirStreamsIdentityAndLeaveWithTheirRequest() throws IOException {
        InputStream stream = new ByteArrayInputStream(BODY);
        SavedBody saved = SavedBody.read(stream, 1000);
        int before = SavedBodies.size();
        SavedBodies.add(saved);

        assertThat(SavedBodies.of(stream)).isSameAs(saved);
        assertThat(SavedBodies.of(new ByteArrayInputStream(BODY))).isNull();
        SavedBodies.remove(saved);
        assertThat(SavedBodies.of(stream)).isNull();
        assertThat(SavedBodies.size()).isEqualTo(before);
    }
}
