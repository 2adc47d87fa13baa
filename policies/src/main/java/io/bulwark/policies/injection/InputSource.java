package io.bulwark.policies.injection;

/** Where a request input came from; {@link #label()} is how policies ({@code query:NAME}) and the log name it. */
public enum InputSource {
    QUERY("query"),
    FORM("form"),
    MULTIPART("multipart"),
    PATH("path"),
    HEADER("header"),
    COOKIE("cookie"),
    JSON("json"),
    BODY("body");

    private final String label;

    InputSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
