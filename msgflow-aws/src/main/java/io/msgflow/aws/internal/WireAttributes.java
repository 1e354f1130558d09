package io.msgflow.aws.internal;

import io.msgflow.AttributeType;
import io.msgflow.MessageAttribute;
import io.msgflow.MsgflowException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/**
 * msgflow attributes to SNS and SQS {@code MessageAttributeValue}s and back.
 *
 * <p>SQS has no {@code String.Array} type, but it accepts custom type labels: {@code String.Array}
 * is a {@code String} labelled {@code Array}. SNS raw delivery hands a {@code String.Array}
 * attribute to SQS exactly so (data type {@code String.Array}, the JSON array as string value),
 * and {@link io.msgflow.AttributeType#ofDataType(String)} reads that label back as
 * {@code STRING_ARRAY}; the queue sender sends it the same way.
 */
public final class WireAttributes {
    private WireAttributes() {
    }

    public static Map<String, software.amazon.awssdk.services.sns.model.MessageAttributeValue> toSns(Map<String, MessageAttribute> attributes) {
        Map<String, software.amazon.awssdk.services.sns.model.MessageAttributeValue> sns = new LinkedHashMap<>();
        attributes.forEach((name, a) -> {
            var b = software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder().dataType(a.dataType());
            if (a.type() == AttributeType.BINARY) {
                b.binaryValue(SdkBytes.fromByteArray(a.binaryValue()));
            } else {
                b.stringValue(a.stringValue());
            }
            sns.put(name, b.build());
        });
        return sns;
    }

    public static Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> toSqs(Map<String, MessageAttribute> attributes) {
        Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> sqs = new LinkedHashMap<>();
        attributes.forEach((name, a) -> {
            var b = software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder().dataType(a.dataType());
            if (a.type() == AttributeType.BINARY) {
                b.binaryValue(SdkBytes.fromByteArray(a.binaryValue()));
            } else {
                b.stringValue(a.stringValue());
            }
            sqs.put(name, b.build());
        });
        return sqs;
    }

    /** Attributes read from the wire, and why any could not be read (those are left out). */
    public record Decoded(Map<String, MessageAttribute> attributes, List<String> problems) {
    }

    public static Decoded fromSqs(Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> wire) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        wire.forEach((name, v) -> {
            if (isBinary(v.dataType()) && v.binaryValue() == null) {
                problems.add("attribute '" + name + "' (" + v.dataType() + ") is unreadable: it has no binary value");
                return;
            }
            try {
                attributes.put(name, isBinary(v.dataType())
                        ? MessageAttribute.ofBinary(v.dataType(), v.binaryValue().asByteArray())
                        : MessageAttribute.of(v.dataType(), v.stringValue()));
            } catch (MsgflowException e) {
                problems.add("attribute '" + name + "' (" + v.dataType() + ") is unreadable: " + e.getMessage());
            }
        });
        return new Decoded(attributes, problems);
    }

    private static boolean isBinary(String dataType) {
        return dataType != null && (dataType.equals("Binary") || dataType.startsWith("Binary."));
    }
}
