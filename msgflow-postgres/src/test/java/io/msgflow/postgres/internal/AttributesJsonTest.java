package io.msgflow.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.MessageAttribute;
import io.msgflow.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesJsonTest {

    @Test
    void everyDataTypeRoundTrips() {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        attributes.put("s", MessageAttribute.string("Grüße \"quoted\""));
        attributes.put("n", MessageAttribute.number(-12.5));
        attributes.put("custom", MessageAttribute.of("Number.float", "1e3"));
        attributes.put("list", MessageAttribute.stringArray(List.of("a", 1)));
        attributes.put("bin", MessageAttribute.binary(new byte[] {0, -1, 127}));
        attributes.put("gz", MessageAttribute.ofBinary("Binary.gzip", new byte[] {31, -117}));

        assertThat(AttributesJson.read(AttributesJson.write(attributes))).isEqualTo(attributes);
    }

    @Test
    void writesTheShapeSqsUses() {
        String json = AttributesJson.write(Map.of("priority", MessageAttribute.number(3), "bin", MessageAttribute.binary(new byte[] {1, 2})));

        assertThat(Json.tryParse(json)).isEqualTo(Json.tryParse(
                "{\"priority\":{\"DataType\":\"Number\",\"StringValue\":\"3\"},\"bin\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AQI=\"}}"));
    }

    @Test
    void noAttributesIsAnEmptyObject() {
        assertThat(AttributesJson.write(Map.of())).isEqualTo("{}");
        assertThat(AttributesJson.read("{}")).isEmpty();
    }
}
