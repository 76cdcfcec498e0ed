package dev.tokenguard.config;

/**
 * A missing or wrong configuration value. The message starts with the property name and says what it
 * expects; it never contains a secret.
 */
public final class ConfigurationException extends RuntimeException {

    private final String property;
    private final String problem;

    public ConfigurationException(String property, String problem) {
        super(property + ": " + problem);
        this.property = property;
        this.problem = problem;
    }

    /** The property to fix. */
    public String property() {
        return property;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
