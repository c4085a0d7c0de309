package io.kafkaha.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = 1_000_000L;

    @Test
    void spacesSendsEvenlyOnAnAbsoluteSchedule() {
        Pacer pacer = new Pacer(200, 1_000 * MS);

        assertThat(pacer.nextDue(1_000 * MS)).isEqualTo(1_000 * MS);
        assertThat(pacer.nextDue(1_000 * MS)).isEqualTo(1_005 * MS);
        // A slow send does not push later sends back: the schedule is fixed from the start.
        assertThat(pacer.nextDue(1_009 * MS)).isEqualTo(1_010 * MS);
        assertThat(pacer.nextDue(1_016 * MS)).isEqualTo(1_015 * MS);
    }

    @Test
    void keepsTheRateForRatesThatDoNotDivideASecond() {
        Pacer pacer = new Pacer(3, 0);
        long due = 0;
        for (int i = 0; i <= 300; i++) {
            due = pacer.nextDue(0);
        }
        assertThat(due).isEqualTo(100_000 * MS);
    }

    @Test
    void catchesUpWithAtMostOneSecondOfBacklog() {
        Pacer pacer = new Pacer(100, 0);
        pacer.nextDue(0);

        // Blocked for 10 s: only 1 s worth (100 sends) is due immediately, then the rate resumes.
        long now = 10_000 * MS;
        int dueNow = 0;
        long due;
        while ((due = pacer.nextDue(now)) <= now) {
            dueNow++;
        }
        assertThat(dueNow).isEqualTo(101);
        assertThat(due).isEqualTo(now + 10 * MS);
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThatThrownBy(() -> new Pacer(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
