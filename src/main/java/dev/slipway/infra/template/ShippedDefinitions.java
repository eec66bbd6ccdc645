package dev.slipway.infra.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.infra.driver.DriverInputs;

/**
 * The resource definitions Slipway ships for development types, as data under
 * {@code infra/definitions/} on the class path: {@code dev-postgres} (type postgres) and
 * {@code dev-redis} (type redis), both for the template driver. Whoever registers definitions
 * loads them from here; the files are also the examples docs/ARCHITECTURE.md refers to.
 */
public final class ShippedDefinitions {
    /** The shipped definitions' names, each a file {@code infra/definitions/<name>.json}. */
    public static final List<String> NAMES = List.of("dev-postgres", "dev-redis");

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
     * One shipped definition.
     *
     * @param name         the definition's name
     * @param type         the resource type it provides (e.g. postgres)
     * @param description  what it provisions, for people choosing definitions
     * @param driver       the driver's name ({@code template})
     * @param driverInputs the driver's inputs (no secrets: generated values take their place)
     */
    public record Definition(String name, String type, String description, String driver, DriverInputs driverInputs) {
    }

    private ShippedDefinitions() {
    }

    /** Every shipped definition, in {@link #NAMES} order. */
    public static List<Definition> all() {
        return NAMES.stream().map(ShippedDefinitions::load).toList();
    }

    /** The shipped definition of that name. */
    public static Definition load(String name) {
        String path = "infra/definitions/" + name + ".json";
        try (InputStream in = ShippedDefinitions.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped resource definition " + path);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** A definition in the shipped files' format (also how docs/examples are written). */
    public static Definition read(InputStream json) throws IOException {
        return JSON.readValue(json, Definition.class);
    }
}
