package io.bulwark.it.support.testapps;

/** Forked by {@code ForkedJvmTest}: one line on each stream, then exit code 3. */
public final class ChattyExit {

    private ChattyExit() {
    }

    public static void main(String[] args) {
        System.out.println("to stdout");
        System.err.println("to stderr");
        System.exit(3);
    }
}
