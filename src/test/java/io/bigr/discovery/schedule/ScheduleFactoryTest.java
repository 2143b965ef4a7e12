package io.bigr.discovery.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleFactoryTest {
    @Test
    void intervalSyntaxOfSection511() {
        assertThat(Intervals.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Intervals.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Intervals.parse("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(Intervals.parse("0s")).isEqualTo(Duration.ZERO);
        for (String bad : List.of("abc", "300", "", "5x", "-5m", "1.5h")) {
            assertThatThrownBy(() -> Intervals.parse(bad)).hasMessageContaining("Invalid interval '" + bad + "'");
        }
    }

    private static ScheduleFactory.Target target(String subnet, String interval) {
        ScheduleFactory.Target t = new ScheduleFactory.Target();
        t.setSubnet(subnet);
        t.setInterval(interval);
        return t;
    }

    @Test
    void targetsAreValidatedNamingTheField() {
        ScheduleFactory f = new ScheduleFactory();
        f.setTargets(List.of(target("127.0.0.0/30", "10m"), target(null, "5m"), target("127.0.1.0/24", "1h")));
        assertThat(f.scheduledTargets()).containsExactly(
                new ScheduleFactory.Scheduled("127.0.0.0/30", Duration.ofMinutes(10)),
                new ScheduleFactory.Scheduled("127.0.1.0/24", Duration.ofHours(1)));

        f.setTargets(List.of(target("127.0.0.0/30", "5m"), target("127.0.0.0/33", "5m")));
        assertThatThrownBy(f::validate).hasMessageStartingWith("schedule.targets[1].subnet");
        f.setTargets(List.of(target("127.0.0.0/30", "0s")));
        assertThatThrownBy(f::validate).hasMessageStartingWith("schedule.targets[0].interval");
        f.setTargets(List.of());
        f.setSwitchPoll("often");
        assertThatThrownBy(f::validate).hasMessageStartingWith("schedule.switchPoll: Invalid interval 'often'");
    }
}
