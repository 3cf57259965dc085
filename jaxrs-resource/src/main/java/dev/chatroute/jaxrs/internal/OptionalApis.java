package dev.chatroute.jaxrs.internal;

/**
 * Tells whether an optional API (CDI, MicroProfile Config) is visible, without loading any class
 * that uses it: code that touches such an API lives in its own class and runs only after a check here.
 */
public final class OptionalApis {

    public static final String CDI = "jakarta.enterprise.inject.spi.CDI";
    public static final String MICROPROFILE_CONFIG = "org.eclipse.microprofile.config.ConfigProvider";

    private OptionalApis() {
    }

    public static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
