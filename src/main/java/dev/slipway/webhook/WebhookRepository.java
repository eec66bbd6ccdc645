package dev.slipway.webhook;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class WebhookRepository implements PanacheRepositoryBase<WebhookSubscription, UUID> {

    /**
     * One page by id. {@code visible} limits it to those applications (and hides platform-wide ones)
     * unless null (admins and platform readers see all).
     */
    public Uni<List<WebhookSubscription>> page(PageRequest page, String application, Set<String> visible) {
        return KeysetQuery.select("SELECT * FROM webhook_subscriptions")
                .whereGiven("application = ?", application)
                .whereIf(visible != null, "application IN (?)", visible == null || visible.isEmpty() ? List.of("") : List.copyOf(visible))
                .after(page, "id > ?", key -> List.of(UUID.fromString(key)))
                .page("id", page)
                .list(WebhookSubscription.class);
    }
}
