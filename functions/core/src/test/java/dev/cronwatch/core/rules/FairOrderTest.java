package dev.cronwatch.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FairOrderTest {
    static final Function<String, String> ORG = s -> s.substring(0, s.indexOf('/'));

    @Test
    void takesOneOfEachOrganizationInTurn_inTheOrderTheyFirstAppear() {
        List<String> due = List.of("a/1", "a/2", "a/3", "b/1", "c/1", "b/2");
        assertThat(FairOrder.interleaveByOrganization(due, ORG))
                .containsExactly("a/1", "b/1", "c/1", "a/2", "b/2", "a/3");
    }

    @Test
    void aLargeTenantDelaysASmallOneByOneJudgementPerJudgementOfItsOwn() {
        List<String> due = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) due.add("a/" + i);
        for (int i = 0; i < 10; i++) due.add("b/" + i);
        List<String> fair = FairOrder.interleaveByOrganization(due, ORG);
        assertThat(fair).hasSize(50_010).containsExactlyInAnyOrderElementsOf(due);
        // b's tenth judgement is the twentieth queued, not the 50,010th
        assertThat(fair.indexOf("b/9")).isEqualTo(19);
    }

    @Test
    void keepsEachOrganizationsOwnOrder() {
        List<String> due = new ArrayList<>();
        for (int i = 0; i < 100; i++) due.add((i % 3 == 0 ? "a/" : "b/") + i);
        Collections.shuffle(due, new java.util.Random(7));
        List<String> fair = FairOrder.interleaveByOrganization(due, ORG);
        assertThat(fair.stream().filter(s -> s.startsWith("a/")).toList())
                .containsExactlyElementsOf(due.stream().filter(s -> s.startsWith("a/")).toList());
        assertThat(fair.stream().filter(s -> s.startsWith("b/")).toList())
                .containsExactlyElementsOf(due.stream().filter(s -> s.startsWith("b/")).toList());
    }

    @Test
    void nothingDueIsNothingQueued() {
        assertThat(FairOrder.interleaveByOrganization(List.<String>of(), ORG)).isEmpty();
    }
}
