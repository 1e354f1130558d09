package io.msgflow.inmemory.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.msgflow.internal.NumberText;
import io.msgflow.internal.Utf8;
import java.io.IOException;

/**
 * What a PostgreSQL {@code jsonb} column refuses, checked in memory in one streaming pass, so the
 * in-memory sink refuses the bodies the PostgreSQL sink would: not JSON (trailing content
 * included), U+0000 raw or escaped, an unpaired surrogate raw or escaped, a number beyond
 * {@code numeric} (10^131072 and more, more than 16383 digits after the point), and nesting deeper
 * than {@link #MAX_DEPTH}. PostgreSQL's depth limit follows its stack ({@code max_stack_depth},
 * about 50 000 levels at the default 2 MB); the in-memory limit is lower, so whatever memory
 * accepts PostgreSQL accepts too.
 */
public final class JsonbRules {
    /** Deepest nesting accepted. */
    public static final int MAX_DEPTH = 10_000;
    private static final long MAX_INTEGER_DIGITS = 131_072;
    private static final long MAX_FRACTION_DIGITS = 16_383;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(Integer.MAX_VALUE).build())
            .build();

    private JsonbRules() {
    }

    /** Why {@code jsonb} would refuse this body, or null when it would store it. */
    public static String refusal(String body) {
        int unpaired = Utf8.firstUnpairedSurrogate(body);
        if (unpaired >= 0) {
            return "body holds the unpaired surrogate " + Utf8.codePointName(body, unpaired) + " at index " + unpaired
                    + ", which UTF-8 cannot encode";
        }
        if (body.indexOf('\0') >= 0) {
            return "body holds the character U+0000, which PostgreSQL text cannot store";
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            return tokens(parser);
        } catch (StreamConstraintsException e) {
            return "body is nested more than " + MAX_DEPTH + " levels deep (PostgreSQL: stack depth limit exceeded)";
        } catch (JsonProcessingException e) {
            return "body is not JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "body is not JSON: " + e.getMessage();
        }
    }

    private static String tokens(JsonParser parser) throws IOException {
        int depth = 0;
        JsonToken token = parser.nextToken();
        if (token == null) {
            return "body is not JSON: it is empty";
        }
        do {
            String refusal = switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    depth++;
                    yield null;
                }
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    yield null;
                }
                case FIELD_NAME, VALUE_STRING -> text(parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser.getText());
                default -> null;
            };
            if (refusal != null) {
                return refusal;
            }
            token = parser.nextToken();
        } while (depth > 0 && token != null);
        return token == null ? null : "body is not JSON: content follows the JSON value at offset "
                + parser.currentTokenLocation().getCharOffset();
    }

    private static String text(String text) {
        if (text.indexOf('\0') >= 0) {
            return "body holds an escaped U+0000, which jsonb cannot store (PostgreSQL: unsupported Unicode escape sequence)";
        }
        int unpaired = Utf8.firstUnpairedSurrogate(text);
        return unpaired < 0 ? null : "body holds an escaped unpaired surrogate " + Utf8.codePointName(text, unpaired)
                + " (PostgreSQL: a Unicode high surrogate must be followed by a low surrogate)";
    }

    private static String number(String text) {
        boolean tooLarge = NumberText.significantDigits(text) > 0 && NumberText.exponent(text) >= MAX_INTEGER_DIGITS;
        if (tooLarge || NumberText.fractionDigits(text) > MAX_FRACTION_DIGITS) {
            return "body holds the number " + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + ", beyond PostgreSQL numeric (fewer than 131072 digits before the point, at most 16383 after)";
        }
        return null;
    }
}
