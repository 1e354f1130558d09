package io.msgflow.inmemory.internal;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.internal.MessageRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A message validated for the wire, with its wire attributes and size computed once. */
record Prepared(Message message, Map<String, MessageAttribute> wireAttributes, int size) {

    /**
     * Validates every message as {@link WireFormat#validate} does (reserved names, attribute count,
     * 256 KiB) and returns them prepared, before anything is sent.
     */
    static List<Prepared> all(WireFormat wireFormat, List<Message> messages) {
        List<Prepared> prepared = new ArrayList<>(messages.size());
        for (Message m : messages) {
            Map<String, MessageAttribute> wire = wireFormat.wireAttributes(m);
            prepared.add(new Prepared(m, wire, MessageRules.checkWire("message " + m.id(), m.body(), wire)));
        }
        return prepared;
    }
}
