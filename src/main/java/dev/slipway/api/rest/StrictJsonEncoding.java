package dev.slipway.api.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.slipway.api.ErrorText;
import dev.slipway.api.SlipwayException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * JSON bodies are UTF-8 (RFC 8259), read strictly before Jackson sees them. Jackson alone decodes
 * an overlong sequence ({@code C0 AF}) into the character it disguises ({@code /}), takes an
 * encoded or escaped lone surrogate into a string that PostgreSQL then stores as {@code ?}, and
 * ignores a declared charset. Each of those would store something other than what the caller
 * sent, so each is refused: a charset that is not UTF-8 with 415, malformed text with a 400.
 */
@Provider
public class StrictJsonEncoding implements ReaderInterceptor {
    private static final JsonFactory TOKENS = new JsonFactory();
    /**
     * Declared charsets whose ASCII agrees with UTF-8. Some clients label every body ISO-8859-1 by
     * default (REST Assured does); the bytes are still checked as UTF-8 below, so a real Latin-1
     * byte is refused rather than misread. Any other charset (UTF-16, UTF-32, ...) is refused whole.
     */
    private static final java.util.Set<String> READ_AS_UTF8 = java.util.Set.of("utf-8", "utf8", "us-ascii", "iso-8859-1");

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !isJson(type)) {
            return context.proceed();
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !READ_AS_UTF8.contains(charset.toLowerCase(java.util.Locale.ROOT))) {
            throw new NotSupportedException("JSON bodies must be UTF-8, not " + ErrorText.bound(charset, ErrorText.MAX_QUOTED));
        }
        byte[] body = context.getInputStream().readAllBytes(); // already bounded by quarkus.http.limits.max-body-size
        requireStrictUtf8(body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static boolean isJson(MediaType type) {
        return type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
    }

    /** Java's decoder refuses overlong forms and encoded surrogates; escapes are checked token by token. */
    static void requireStrictUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw SlipwayException.Invalid.field("body", "is not valid UTF-8");
        }
        try (JsonParser parser = TOKENS.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) && hasLoneSurrogate(parser.getText())) {
                    throw SlipwayException.Invalid.field(fieldOf(parser),
                            "contains an unpaired surrogate escape (\\uD800-\\uDFFF), which is not a character");
                }
            }
        } catch (IOException e) {
            // Not JSON at all: Jackson's own reading reports that, with the line and column.
        }
    }

    /** The member's path in the field-error style ({@code labels.team}), or "body" for a bare string. */
    private static String fieldOf(JsonParser parser) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        if (pointer.isEmpty()) {
            return "body";
        }
        return ErrorText.bound(pointer.substring(1).replace('/', '.'), ErrorText.MAX_QUOTED);
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
