package dev.mentorship.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ports drawn together for one platform never repeat, however the kernel hands them out. */
class PortsTest {

    @Test
    void ports_drawn_together_are_all_different() {
        for (int round = 0; round < 200; round++) {
            int[] ports = Ports.free(8);
            assertThat(Arrays.stream(ports).distinct().count()).as(Arrays.toString(ports)).isEqualTo(8);
            assertThat(Arrays.stream(ports).min().getAsInt()).isPositive();
        }
    }

    /**
     * Drawn one at a time and released at once, about 1.5 in 1,000 platforms got some port twice
     * (measured over 20,000 draws of six); over 3,000 platforms that happens almost surely.
     */
    @Test
    void an_isolated_platform_uses_a_different_port_for_every_part() {
        for (int round = 0; round < 3000; round++) {
            Platform.Settings settings = Platform.Settings.isolated(Path.of("."), Path.of("."));
            List<Integer> all = new ArrayList<>(List.of(settings.postgresPort(), settings.kafkaPort(), settings.kafkaControllerPort()));
            all.addAll(settings.servicePorts().values());
            all.addAll(settings.managementPorts().values());
            assertThat(all).doesNotHaveDuplicates();
        }
    }
}
