package io.bulwark.policies.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferMeterTest {

    @Test
    void onlyTheFirstRowBeyondTheLimitCrossesIt() {
        TransferMeter meter = new TransferMeter(3, TransferMeter.UNLIMITED);
        assertThat(meter.countRow()).isFalse();
        assertThat(meter.countRow()).isFalse();
        assertThat(meter.countRow()).isFalse();
        assertThat(meter.rowsExceeded()).isFalse();
        assertThat(meter.countRow()).isTrue();
        assertThat(meter.countRow()).isFalse();
        assertThat(meter.rows()).isEqualTo(5);
        assertThat(meter.rowsExceeded()).isTrue();
    }

    @Test
    void theWriteThatGoesBeyondTheByteLimitCrossesItOnce() {
        TransferMeter meter = new TransferMeter(TransferMeter.UNLIMITED, 100);
        assertThat(meter.countBytes(60)).isFalse();
        assertThat(meter.countBytes(40)).isFalse();
        assertThat(meter.bytesExceeded()).isFalse();
        assertThat(meter.countBytes(1)).isTrue();
        assertThat(meter.countBytes(1000)).isFalse();
        assertThat(meter.bytes()).isEqualTo(1101);
    }

    @Test
    void hugeCountsSaturateInsteadOfWrapping() {
        TransferMeter meter = new TransferMeter(TransferMeter.UNLIMITED, 10);
        assertThat(meter.countBytes(Long.MAX_VALUE - 1)).isTrue();
        meter.countBytes(Long.MAX_VALUE);
        assertThat(meter.bytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(meter.bytesExceeded()).isTrue();
        assertThat(meter.countBytes(0)).isFalse();
        assertThat(meter.countBytes(-5)).isFalse();
    }

    @Test
    void rejectsLimitsBelowOne() {
        assertThatThrownBy(() -> new TransferMeter(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
