package dev.cronwatch.core.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class MachineToolsTest {
    @Test
    void missingTool_failsTheTest_underCi() {
        assertThatThrownBy(() -> MachineTools.require(false, "chromium", "true"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("chromium is not installed");
        assertThatThrownBy(() -> MachineTools.require(false, "chromium", "1")).isInstanceOf(AssertionError.class);
    }

    @Test
    void missingTool_skipsTheTest_elsewhere() {
        assertThatThrownBy(() -> MachineTools.require(false, "systemd-analyze", null)).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> MachineTools.require(false, "systemd-analyze", "false")).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void installedTool_runsTheTest_everywhere() {
        assertThatCode(() -> MachineTools.require(true, "chromium", "true")).doesNotThrowAnyException();
        assertThatCode(() -> MachineTools.require(true, "chromium", null)).doesNotThrowAnyException();
    }
}
