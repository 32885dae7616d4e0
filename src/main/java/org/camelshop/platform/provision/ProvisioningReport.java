package org.camelshop.platform.provision;

import java.util.List;

/** What a provisioning run changed; empty {@code changes} means everything already matched the plan. */
public record ProvisioningReport(int queueCount, int tableCount, List<String> changes, List<String> notes) {

    public boolean changedAnything() {
        return !changes.isEmpty();
    }

    public String summary() {
        String head = changedAnything()
                ? "Provisioning changed " + changes.size() + " thing(s): " + String.join("; ", changes)
                : "Provisioning: nothing to change, " + queueCount + " queues and " + tableCount + " tables already match the plan";
        return notes.isEmpty() ? head : head + ". Notes: " + String.join("; ", notes);
    }
}
