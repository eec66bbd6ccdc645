package dev.slipway.webhook;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.WebhookProto;
import dev.slipway.grpc.v1.WebhookService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for webhooks: translates messages to {@link Webhooks} calls and back, through {@link WebhookProtoMapper}. */
@GrpcService
@Authenticated
public class WebhookGrpcService implements WebhookService {
    private final Webhooks service;

    public WebhookGrpcService(Webhooks service) {
        this.service = service;
    }

    @Override
    public Uni<WebhookProto.CreateWebhookResponse> createWebhook(WebhookProto.CreateWebhookRequest request) {
        return service
                .create(WebhookProtoMapper.toSpec(request.getWebhook()), IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> WebhookProto.CreateWebhookResponse.newBuilder().setWebhook(WebhookProtoMapper.toProto(created.resource()))
                        .build());
    }

    @Override
    public Uni<WebhookProto.GetWebhookResponse> getWebhook(WebhookProto.GetWebhookRequest request) {
        return service.get(Webhooks.parseId(request.getId()))
                .map(view -> WebhookProto.GetWebhookResponse.newBuilder().setWebhook(WebhookProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<WebhookProto.ListWebhooksResponse> listWebhooks(WebhookProto.ListWebhooksRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                Protos.optional(request.getApplication()))
                .map(page -> WebhookProto.ListWebhooksResponse.newBuilder()
                        .addAllWebhooks(page.items().stream().map(WebhookProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<WebhookProto.UpdateWebhookResponse> updateWebhook(WebhookProto.UpdateWebhookRequest request) {
        WebhookProto.Webhook webhook = request.getWebhook();
        WebhookProtoMapper.UPDATE_MASK.validate(request.getUpdateMask());
        var id = Webhooks.parseId(webhook.getId());
        return service.get(id)
                .flatMap(current -> service.update(id, WebhookProtoMapper.UPDATE_MASK.patch(request.getUpdateMask(), webhook, current),
                        Protos.ifMatch(request.getEtag(), current.etag())))
                .map(view -> WebhookProto.UpdateWebhookResponse.newBuilder().setWebhook(WebhookProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<WebhookProto.DeleteWebhookResponse> deleteWebhook(WebhookProto.DeleteWebhookRequest request) {
        return service.delete(Webhooks.parseId(request.getId()), Protos.optional(request.getEtag()))
                .map(ignored -> WebhookProto.DeleteWebhookResponse.getDefaultInstance());
    }

    @Override
    public Uni<WebhookProto.ListWebhookDeliveriesResponse> listWebhookDeliveries(WebhookProto.ListWebhookDeliveriesRequest request) {
        return service.deliveries(Webhooks.parseId(request.getWebhookId()), Protos.pageSize(request.getPageSize()),
                Protos.optional(request.getPageToken()), WebhookProtoMapper.state(request.getState()))
                .map(page -> WebhookProto.ListWebhookDeliveriesResponse.newBuilder()
                        .addAllDeliveries(page.items().stream().map(WebhookProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<WebhookProto.RedeliverWebhookDeliveryResponse> redeliverWebhookDelivery(
            WebhookProto.RedeliverWebhookDeliveryRequest request) {
        return service.redeliver(Webhooks.parseId(request.getWebhookId()), Webhooks.parseDeliveryId(request.getDeliveryId()))
                .map(view -> WebhookProto.RedeliverWebhookDeliveryResponse.newBuilder().setDelivery(WebhookProtoMapper.toProto(view))
                        .build());
    }

    @Override
    public Uni<WebhookProto.PingWebhookResponse> pingWebhook(WebhookProto.PingWebhookRequest request) {
        return service.ping(Webhooks.parseId(request.getId()))
                .map(view -> WebhookProto.PingWebhookResponse.newBuilder().setDelivery(WebhookProtoMapper.toProto(view)).build());
    }
}
