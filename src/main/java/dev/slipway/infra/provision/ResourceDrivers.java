package dev.slipway.infra.provision;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import dev.slipway.infra.driver.ResourceDriver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Every {@link ResourceDriver} bean, by name: a new driver bean is found without other changes. */
@ApplicationScoped
public class ResourceDrivers {
    private final Map<String, ResourceDriver> byName;

    @Inject
    public ResourceDrivers(Instance<ResourceDriver> drivers) {
        this(StreamSupport.stream(drivers.spliterator(), false).toList());
    }

    public ResourceDrivers(List<ResourceDriver> drivers) {
        this.byName = drivers.stream().collect(Collectors.toMap(ResourceDriver::name, driver -> driver, (a, b) -> {
            throw new IllegalStateException("two resource drivers are named " + a.name());
        }, TreeMap::new));
    }

    public Optional<ResourceDriver> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The names definitions may choose, in order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
