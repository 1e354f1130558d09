package io.msgflow;

/** A configuration value (option, topology, name) breaks its rule. Thrown when the value is set. */
public class InvalidConfigurationException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public InvalidConfigurationException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The setting or resource that was rejected, e.g. {@code "visibilityTimeout"}. */
    public String setting() {
        return setting;
    }
}
