package dev.slipway.api;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/** Asks every {@link DeletionGuard} whether a resource is still in use. */
@ApplicationScoped
public class DeletionGuards {
    private final Instance<DeletionGuard> guards;

    public DeletionGuards(@Any Instance<DeletionGuard> guards) {
        this.guards = guards;
    }

    /**
     * Fails with 409 naming what still uses the resource, else completes. Guards run one after the
     * other: they share the caller's session, which takes one statement at a time.
     *
     * @param hint what the caller should do first, e.g. "delete them first"
     */
    public Uni<Void> requireUnused(String kind, String name, String hint) {
        Uni<List<String>> uses = Uni.createFrom().item(new ArrayList<>());
        for (DeletionGuard guard : guards) {
            uses = uses.flatMap(found -> guard.usesOf(kind, name).map(more -> {
                found.addAll(more);
                return found;
            }));
        }
        return uses.map(found -> {
            if (!found.isEmpty()) {
                throw new SlipwayException.Conflict(kind + " '" + name + "' is still used by " + String.join(" and ", found) + "; " + hint);
            }
            return null;
        });
    }
}
