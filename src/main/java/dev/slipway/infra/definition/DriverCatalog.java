package dev.slipway.infra.definition;

import java.util.List;
import java.util.stream.StreamSupport;

import dev.slipway.infra.driver.ResourceDriver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/** The resource drivers this Slipway has (every CDI bean implementing {@link ResourceDriver}), by name. */
@ApplicationScoped
public class DriverCatalog {
    private final Instance<ResourceDriver> drivers;

    public DriverCatalog(@Any Instance<ResourceDriver> drivers) {
        this.drivers = drivers;
    }

    /** The driver of that name, or null. */
    public ResourceDriver find(String name) {
        for (ResourceDriver driver : drivers) {
            if (driver.name().equals(name)) {
                return driver;
            }
        }
        return null;
    }

    public List<String> names() {
        return StreamSupport.stream(drivers.spliterator(), false).map(ResourceDriver::name).sorted().toList();
    }
}
