package io.bulwark.policies.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A record component the policy file must set; the parser reports its absence at the enclosing object. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Required {

    /** The message when it is missing; empty for the generic one. */
    String value() default "";
}
