package io.bulwark.agent;

import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Protection;

/**
 * What the policy does to a request it admitted, set at entry before the app can commit anything:
 * {@code Strict-Transport-Security} on HTTPS responses, and the body budget the app's reads are counted against.
 */
final class AdmissionEffects {

    private AdmissionEffects() {
    }

    static void apply(RequestContext context) throws Throwable {
        TransportGuard transport = context.policy.transport();
        if (transport != null) {
            String hsts = transport.hstsFor(context);
            if (hsts != null) {
                context.access.setHeader(context.response, "Strict-Transport-Security", hsts);
            }
        }
        ValidationPlan validation = context.route().plan().validation();
        if (validation != null && validation.maxBodySize() != null) {
            Mode mode = context.policy.model().effectiveMode(Protection.VALIDATION, context.route().route());
            if (mode != Mode.OFF) {
                context.bodyBudget = BodyBudget.after(context.savedBody(), validation.maxBodySize(),
                        mode == Mode.BLOCK);
            }
        }
    }
}
