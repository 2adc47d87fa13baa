package io.bulwark.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoAppTest {

    @Test
    void portDefaultsTo8080AndAcceptsZero() {
        assertThat(DemoApp.parsePort(new String[0])).isEqualTo(8080);
        assertThat(DemoApp.parsePort(new String[] {"--port", "0"})).isZero();
        assertThat(DemoApp.parsePort(new String[] {"--port", "65535"})).isEqualTo(65535);
    }

    @Test
    void rejectsAnythingElse() {
        assertThat(DemoApp.parsePort(new String[] {"--port"})).isNull();
        assertThat(DemoApp.parsePort(new String[] {"--port", "http"})).isNull();
        assertThat(DemoApp.parsePort(new String[] {"--port", "65536"})).isNull();
        assertThat(DemoApp.parsePort(new String[] {"--port", "-1"})).isNull();
        assertThat(DemoApp.parsePort(new String[] {"--host", "1"})).isNull();
    }
}
