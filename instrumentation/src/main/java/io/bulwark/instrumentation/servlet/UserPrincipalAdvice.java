package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import java.security.Principal;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpServletRequest.getUserPrincipal()}: when the container knows no user, the app sees the
 * caller the agent authenticated, so code written for container security works behind the agent unchanged.
 */
public final class UserPrincipalAdvice {

    private UserPrincipalAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.This Object request,
                            @Advice.Return(readOnly = false) Principal principal) {
        principal = Bridge.userPrincipal(request, principal);
    }
}
