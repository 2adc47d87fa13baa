package io.bulwark.agent;

import io.bulwark.policies.detect.TransferMeter;
import io.bulwark.policies.model.Mode;

/**
 * One request's data transfer: its meter, the mode it runs in, and the event that refused it, if any. Created at
 * the request's first row or first response write, so a request that does neither allocates nothing.
 */
final class RequestTransfer {

    /**
     * Marks a request on which nothing is limited or learned, so its later rows and writes cost a field read instead
     * of a policy lookup each. Never counted: its meter is only there to keep the field non-null.
     */
    static final RequestTransfer UNTRACKED = new RequestTransfer(
            new TransferMeter(TransferMeter.UNLIMITED, TransferMeter.UNLIMITED), Mode.OFF);

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
