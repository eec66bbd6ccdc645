package dev.slipway.infra.driver;

import java.util.Map;

/**
 * What a resource definition gives its driver: plain values and secrets. Secrets are plaintext
 * only in memory, on their way in from a request or out to a driver; they are stored encrypted.
 *
 * @param values  free-form JSON values (strings, numbers, booleans, lists, maps)
 * @param secrets secret values by name
 */
public record DriverInputs(Map<String, Object> values, Map<String, String> secrets) {

    public DriverInputs {
        values = values == null ? Map.of() : values;
        secrets = secrets == null ? Map.of() : secrets;
    }

    @Override
    public String toString() {
        // Records print every component; keep secret values out of logs and exception messages.
        return "DriverInputs[values=" + values.keySet() + ", secrets=" + secrets.keySet() + "]";
    }
}
