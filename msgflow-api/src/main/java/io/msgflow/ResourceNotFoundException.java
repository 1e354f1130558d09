package io.msgflow;

/** A topic or queue that the call names does not exist on the transport. */
public class ResourceNotFoundException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    /** Kinds of resource a transport holds. */
    public enum Kind { TOPIC, QUEUE }

    private final Kind kind;
    private final String name;

    public ResourceNotFoundException(Kind kind, String name) {
        this(kind, name, null);
    }

    public ResourceNotFoundException(Kind kind, String name, Throwable cause) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + name + "' does not exist", cause);
        this.kind = kind;
        this.name = name;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}
