package dev.slipway.environment;

import java.util.ArrayList;
import java.util.List;

import dev.slipway.api.DeletionGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Environments refer to their application, their cluster and (through types) default clusters:
 * this tells the applications and clusters features what still uses one of theirs, without
 * either of them reading environments.
 */
@ApplicationScoped
public class EnvironmentUsage implements DeletionGuard {
    /** Enough names to act on; the count says how many there are in all. */
    private static final int NAMES_SHOWN = 10;

    private final EnvironmentRepository environments;
    private final EnvironmentTypeRepository types;

    public EnvironmentUsage(EnvironmentRepository environments, EnvironmentTypeRepository types) {
        this.environments = environments;
        this.types = types;
    }

    @Override
    public Uni<List<String>> usesOf(String kind, String name) {
        return switch (kind) {
            case "application" -> environments.namesOfApplication(name)
                    .map(names -> names.isEmpty() ? List.of() : List.of("environments " + names));
            case "cluster" -> usesOfCluster(name);
            default -> Uni.createFrom().item(List.of());
        };
    }

    private Uni<List<String>> usesOfCluster(String cluster) {
        return environments.countOnCluster(cluster).flatMap(count -> count == 0
                ? Uni.createFrom().item(List.<String>of())
                : environments.namesOnCluster(cluster, NAMES_SHOWN).map(names -> List.of(count + " environment(s) "
                        + names + (count > names.size() ? " and more" : ""))))
                .flatMap(uses -> types.namesWithDefaultCluster(cluster).map(defaults -> {
                    List<String> all = new ArrayList<>(uses);
                    if (!defaults.isEmpty()) {
                        all.add("environment types " + defaults + " as their default cluster");
                    }
                    return all;
                }));
    }
}
