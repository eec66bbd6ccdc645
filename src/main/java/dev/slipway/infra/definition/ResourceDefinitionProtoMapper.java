package dev.slipway.infra.definition;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.FieldMask;
import dev.slipway.api.JsonMergePatch;
import dev.slipway.api.grpc.Protos;
import dev.slipway.api.grpc.Structs;
import dev.slipway.api.grpc.UpdateMask;
import dev.slipway.grpc.v1.ResourceDefinitionProto;

/** The one place resource definition messages meet the service layer's records, update mask included. */
final class ResourceDefinitionProtoMapper {
    /** Plain JSON trees of maps and lists (the values of a struct); nothing here needs the application's settings. */
    private static final ObjectMapper TREES = new ObjectMapper();
    private static final String VALUES_PATH = "driver_inputs.values";

    /**
     * Fields UpdateResourceDefinition may name in its mask, with their names in the merge patch.
     * Values are replaced whole (the patch nulls what the message leaves out); secrets merge by
     * name, since they cannot be read back to be sent again.
     */
    static final UpdateMask<ResourceDefinitionProto.ResourceDefinition, ResourceDefinitionView> UPDATE_MASK = UpdateMask
            .builder(ResourceDefinitionProto.ResourceDefinition.class, ResourceDefinitionView.class)
            .text("driver", "driver", ResourceDefinitionProto.ResourceDefinition::getDriver)
            .json(VALUES_PATH, "driverInputs.values", (definition, current) -> JsonMergePatch.diff(
                    TREES.valueToTree(current.driverInputs().values()), TREES.valueToTree(values(definition.getDriverInputs()))))
            .json("driver_inputs.secrets", "driverInputs.secrets", (definition, current) -> secretsPatch(definition.getDriverInputs()))
            .json("criteria", "criteria", (definition, current) -> criteriaJson(definition))
            .bool("retain", "retain", ResourceDefinitionProto.ResourceDefinition::getRetain)
            .build();

    private ResourceDefinitionProtoMapper() {
    }

    /** Whether the mask's patch needs the current definition (only replacing the values does). */
    static boolean needsCurrent(FieldMask mask) {
        return mask.getPathsList().contains(VALUES_PATH);
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static ResourceDefinitionSpec toSpec(ResourceDefinitionProto.CreateResourceDefinitionRequest request) {
        ResourceDefinitionProto.ResourceDefinition definition = request.getResourceDefinition();
        ResourceDefinitionProto.DriverInputs inputs = definition.getDriverInputs();
        return new ResourceDefinitionSpec(Protos.optional(definition.getName()), Protos.optional(definition.getType()),
                Protos.optional(definition.getDriver()), new DriverInputsSpec(values(inputs), Map.copyOf(inputs.getSecretsMap())),
                definition.getCriteriaList().stream().map(ResourceDefinitionProtoMapper::toCriterion).toList(), definition.getRetain());
    }

    static MatchRequest toRequest(ResourceDefinitionProto.MatchResourceDefinitionRequest request) {
        return new MatchRequest(Protos.optional(request.getApplication()), Protos.optional(request.getEnvironment()),
                Protos.optional(request.getType()), Protos.optional(request.getClass_()));
    }

    private static Criterion toCriterion(ResourceDefinitionProto.Criterion criterion) {
        return new Criterion(Protos.optional(criterion.getEnvironmentType()), Protos.optional(criterion.getEnvironment()),
                Protos.optional(criterion.getApplication()), Protos.optional(criterion.getClass_()));
    }

    private static Map<String, Object> values(ResourceDefinitionProto.DriverInputs inputs) {
        Map<String, Object> values = Structs.toMap(inputs.getValues());
        return values == null ? Map.of() : values;
    }

    /** Each secret given is set; an empty one is removed (proto3 cannot send null). */
    private static JsonNode secretsPatch(ResourceDefinitionProto.DriverInputs inputs) {
        ObjectNode secrets = JsonNodeFactory.instance.objectNode();
        inputs.getSecretsMap().forEach((name, value) -> {
            if (value.isEmpty()) {
                secrets.putNull(name);
            } else {
                secrets.put(name, value);
            }
        });
        return secrets;
    }

    private static ArrayNode criteriaJson(ResourceDefinitionProto.ResourceDefinition definition) {
        ArrayNode criteria = JsonNodeFactory.instance.arrayNode();
        definition.getCriteriaList().forEach(criterion -> criteria.add(TREES.valueToTree(toCriterion(criterion))));
        return criteria;
    }

    // --- Results: records -> proto ----------------------------------------------------------------

    static ResourceDefinitionProto.ResourceDefinition toProto(ResourceDefinitionView view) {
        Map<String, ResourceDefinitionProto.SecretInputState> states = new LinkedHashMap<>();
        view.driverInputs().secrets().forEach((name, state) -> states.put(name, ResourceDefinitionProto.SecretInputState.newBuilder()
                .setSet(state.set()).setVersion(state.version()).setFingerprint(Protos.text(state.fingerprint())).build()));
        return ResourceDefinitionProto.ResourceDefinition.newBuilder()
                .setId(view.id().toString())
                .setName(view.name())
                .setType(view.type())
                .setDriver(view.driver())
                .setDriverInputs(ResourceDefinitionProto.DriverInputs.newBuilder()
                        .setValues(Structs.toStruct(view.driverInputs().values())).putAllSecretStates(states))
                .addAllCriteria(view.criteria().stream().map(ResourceDefinitionProtoMapper::toProto).toList())
                .setRetain(view.retain())
                .setVersion(view.version())
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .setUpdateTime(Protos.timestamp(view.updatedAt()))
                .setUpdatedBy(Protos.text(view.updatedBy()))
                .setEtag(view.etag())
                .build();
    }

    static ResourceDefinitionProto.MatchResourceDefinitionResponse toProto(DefinitionMatch match) {
        ResourceDefinitionProto.MatchResourceDefinitionResponse.Builder response = ResourceDefinitionProto.MatchResourceDefinitionResponse
                .newBuilder()
                .setMatched(match.matched())
                .setReason(match.reason())
                .addAllCandidates(match.candidates().stream().map(ResourceDefinitionProtoMapper::toProto).toList())
                .setEnvironmentType(Protos.text(match.environmentType()))
                .setClass_(match.resourceClass());
        if (match.definition() != null) {
            response.setDefinition(toProto(match.definition()));
        }
        return response.build();
    }

    private static ResourceDefinitionProto.MatchCandidate toProto(MatchCandidate candidate) {
        ResourceDefinitionProto.MatchCandidate.Builder proto = ResourceDefinitionProto.MatchCandidate.newBuilder()
                .setDefinition(candidate.definition())
                .setVersion(candidate.version())
                .setDriver(candidate.driver())
                .setMatches(candidate.matches())
                .setSpecificity(Protos.text(candidate.specificity()))
                .setRank(candidate.rank() == null ? 0 : candidate.rank())
                .setReason(candidate.reason());
        if (candidate.criterion() != null) {
            proto.setCriterion(toProto(candidate.criterion()));
        }
        return proto.build();
    }

    private static ResourceDefinitionProto.Criterion toProto(Criterion criterion) {
        return ResourceDefinitionProto.Criterion.newBuilder()
                .setEnvironmentType(Protos.text(criterion.environmentType()))
                .setEnvironment(Protos.text(criterion.environment()))
                .setApplication(Protos.text(criterion.application()))
                .setClass_(criterion.classOrDefault())
                .build();
    }
}
