package io.bulwark.it.support.testapps;

/** Forked by {@code ForkedJvmTest}: starts a long-lived child process, prints its pid, and waits. */
public final class ShellParent {

    private ShellParent() {
    }

    public static void main(String[] args) throws Exception {
        Process child = new ProcessBuilder("sleep", "120").start();
        System.out.println("child " + child.pid());
        child.waitFor();
    }
}
