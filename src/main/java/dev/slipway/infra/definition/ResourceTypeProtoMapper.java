package dev.slipway.infra.definition;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.slipway.api.grpc.Protos;
import dev.slipway.api.grpc.UpdateMask;
import dev.slipway.grpc.v1.ResourceTypeProto;

/** The one place resource type messages meet the service layer's records, update mask included. */
final class ResourceTypeProtoMapper {
    /** Fields UpdateResourceType may name in its mask, with their names in the merge patch. */
    static final UpdateMask<ResourceTypeProto.ResourceType, ResourceTypeView> UPDATE_MASK = UpdateMask
            .builder(ResourceTypeProto.ResourceType.class, ResourceTypeView.class)
            .text("description", "description", ResourceTypeProto.ResourceType::getDescription)
            .json("outputs", "outputs", (type, current) -> outputsJson(type.getOutputsList()))
            .build();

    private ResourceTypeProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static ResourceTypeSpec toSpec(ResourceTypeProto.CreateResourceTypeRequest request) {
        ResourceTypeProto.ResourceType type = request.getResourceType();
        return new ResourceTypeSpec(Protos.optional(type.getName()), Protos.optional(type.getDescription()),
                type.getOutputsList().stream().map(ResourceTypeProtoMapper::toOutput).toList());
    }

    private static ResourceOutput toOutput(ResourceTypeProto.ResourceOutput output) {
        return new ResourceOutput(Protos.optional(output.getName()), Protos.optional(output.getDescription()), output.getSecret());
    }

    private static ArrayNode outputsJson(List<ResourceTypeProto.ResourceOutput> outputs) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ResourceTypeProto.ResourceOutput output : outputs) {
            array.addObject().put("name", Protos.optional(output.getName())).put("description", Protos.optional(output.getDescription()))
                    .put("secret", output.getSecret());
        }
        return array;
    }

    // --- Results: records -> proto ----------------------------------------------------------------

    static ResourceTypeProto.ResourceType toProto(ResourceTypeView view) {
        return ResourceTypeProto.ResourceType.newBuilder()
                .setId(view.id().toString())
                .setName(view.name())
                .setDescription(Protos.text(view.description()))
                .addAllOutputs(view.outputs().stream().map(output -> ResourceTypeProto.ResourceOutput.newBuilder()
                        .setName(output.name()).setDescription(Protos.text(output.description())).setSecret(output.isSecret()).build())
                        .toList())
                .setBuiltIn(view.builtIn())
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .setUpdateTime(Protos.timestamp(view.updatedAt()))
                .setEtag(view.etag())
                .build();
    }
}
