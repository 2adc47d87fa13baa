package io.bulwark.agent;

import io.bulwark.policies.detect.TransferMeter;
import io.bulwark.policies.model.Mode;

/**
 * One request's data transfer: its meter, the mode it runs in, and the event that refused it, if any. Created at
 * the request's first row or first response write, so a request that does neither allocates nothing.
 */
final class RequestTransfer {

    final TransferMeter meter;
    final Mode mode;
    /** The block event, reused when the app goes on reading or writing after the refusal. */
    String blockedEventId;

    RequestTransfer(TransferMeter meter, Mode mode) {
        this.meter = meter;
        this.mode = mode;
    }

    boolean blocks() {
        return mode == Mode.BLOCK;
    }

    boolean limited() {
        return mode != Mode.OFF;
    }
}
