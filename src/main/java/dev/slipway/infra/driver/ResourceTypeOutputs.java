package dev.slipway.infra.driver;

import java.util.Map;

/**
 * The outputs a resource type promises, by name, each marked secret or not (postgres: host, port,
 * name and username plain, password and url secret). Drivers must produce them; placeholders may
 * refer only to them; secret ones reach a pod only through a Secret.
 */
public record ResourceTypeOutputs(String type, Map<String, Boolean> secretByOutput) {

    public boolean has(String output) {
        return secretByOutput.containsKey(output);
    }

    public boolean isSecret(String output) {
        return Boolean.TRUE.equals(secretByOutput.get(output));
    }
}
