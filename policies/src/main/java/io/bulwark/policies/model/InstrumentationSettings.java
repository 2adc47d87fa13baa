package io.bulwark.policies.model;

import java.util.List;

/** @param disabled hook groups the agent leaves alone */
public record InstrumentationSettings(List<HookGroup> disabled) {

    public InstrumentationSettings {
        disabled = Copies.list(disabled);
    }

    public boolean isEnabled(HookGroup group) {
        return !disabled.contains(group);
    }
}
