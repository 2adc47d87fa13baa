package io.bulwark.policies.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyLimitTest {

    /** A body that arrives in small pieces, like a chunked upload, and never ends on its own. */
    private static InputStream endlessChunks(int chunk) {
        return new InputStream() {
            private int inChunk;

            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = Math.min(len, chunk - inChunk);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                inChunk = (inChunk + n) % chunk;
                return n;
            }
        };
    }

    @Test
    void aBodyExactlyAtTheLimitPasses() throws IOException {
        byte[] body = "0123456789".getBytes();
        assertThat(BodyLimit.readAll(new ByteArrayInputStream(body), 10)).isEqualTo(body);
        assertThat(BodyLimit.readAll(new ByteArrayInputStream(new byte[0]), 0)).isEmpty();
    }

    @Test
    void oneByteOverTheLimitFails() {
        assertThatThrownBy(() -> BodyLimit.readAll(new ByteArrayInputStream(new byte[11]), 10))
                .isInstanceOf(BodyLimit.BodyTooLargeException.class);
    }

    @Test
    void anEndlessChunkedBodyStopsJustPastTheLimit() throws IOException {
        BodyLimit limited = new BodyLimit(endlessChunks(7), 1_000);
        byte[] buffer = new byte[4096];
        assertThatThrownBy(() -> {
            while (limited.read(buffer, 0, buffer.length) >= 0) {
                // keep reading, as an app would
            }
        }).isInstanceOf(BodyLimit.BodyTooLargeException.class);
        assertThat(limited.exceeded()).isTrue();
        assertThat(limited.count()).isBetween(1_001L, 1_007L);
        assertThatThrownBy(() -> limited.read()).isInstanceOf(BodyLimit.BodyTooLargeException.class);
        assertThat(limited.violation().rule()).isEqualTo("maxBodySize");
    }

    @Test
    void aClientThatDeclaresLessThanItSendsIsCaughtByTheCount() throws IOException {
        // Content-Length: 10 passes the declared check; the 5 MB that follow do not get through.
        assertThat(BodyLimit.checkDeclared(10, 1_024)).isNull();
        InputStream lying = new ByteArrayInputStream(new byte[5 * 1024 * 1024]);
        assertThatThrownBy(() -> BodyLimit.readAll(lying, 1_024)).isInstanceOf(BodyLimit.BodyTooLargeException.class);
        assertThat(lying.available()).isGreaterThan(5 * 1024 * 1024 - 2_048);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReading() {
        Violation v = BodyLimit.checkDeclared(1_025, 1_024);
        assertThat(v).isNotNull();
        assertThat(v.rule()).isEqualTo(Violation.MAX_BODY_SIZE);
        assertThat(Violation.httpStatus(List.of(v))).isEqualTo(413);
        assertThat(BodyLimit.checkDeclared(1_024, 1_024)).isNull();
        assertThat(BodyLimit.checkDeclared(-1, 1_024)).isNull();
    }

    @Test
    void singleByteReadsAndSkipsCountToo() throws IOException {
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(new byte[3]), new ByteArrayInputStream(new byte[3]))));
        BodyLimit limited = new BodyLimit(body, 4);
        assertThat(limited.read()).isZero();
        assertThat(limited.skip(2)).isEqualTo(2);
        assertThat(limited.read()).isZero();
        assertThat(limited.count()).isEqualTo(4);
        assertThatThrownBy(limited::read).isInstanceOf(BodyLimit.BodyTooLargeException.class);
    }

    @Test
    void aHugeLimitDoesNotOverflow() throws IOException {
        BodyLimit limited = new BodyLimit(new ByteArrayInputStream(new byte[100]), Long.MAX_VALUE);
        assertThat(limited.read(new byte[200], 0, 200)).isEqualTo(100);
        assertThat(limited.exceeded()).isFalse();
    }
}
