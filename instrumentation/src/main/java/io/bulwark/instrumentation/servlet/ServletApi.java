package io.bulwark.instrumentation.servlet;

/**
 * jakarta.servlet and javax.servlet are the same API under two package names; one implementation serves both,
 * parameterised by the package.
 */
public enum ServletApi {
    JAKARTA("jakarta.servlet"),
    JAVAX("javax.servlet");

    private final String pkg;

    ServletApi(String pkg) {
        this.pkg = pkg;
    }

    public String type(String simpleName) {
        return pkg + "." + simpleName;
    }

    /** The type as a descriptor: {@code Ljakarta/servlet/ServletRequest;}. */
    public String descriptor(String simpleName) {
        return "L" + type(simpleName).replace('.', '/') + ";";
    }
}
