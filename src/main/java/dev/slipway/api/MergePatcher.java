package dev.slipway.api;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies a JSON merge patch to the patchable form of a resource and reads the result back with
 * the same strict rules as a request body, so a patch can never smuggle in a wrong type or an
 * unknown field.
 */
@ApplicationScoped
public class MergePatcher {
    private final ObjectMapper mapper;

    public MergePatcher(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new SlipwayException.Invalid("a merge patch must be a JSON object",
                    List.of(new FieldError("body", "must be a JSON object")));
        }
        JsonNode merged = JsonMergePatch.apply(mapper.valueToTree(current), patch);
        try {
            return mapper.treeToValue(merged, type);
        } catch (JsonMappingException e) {
            String field = JsonErrors.fieldPath(e);
            throw new SlipwayException.Invalid(field + ": " + JsonErrors.describe(e),
                    List.of(new FieldError(field, JsonErrors.describe(e))));
        } catch (JsonProcessingException e) {
            throw new SlipwayException.Invalid("the patch is not valid JSON", List.of(new FieldError("body", "is not valid JSON")));
        }
    }
}
