package dev.cronwatch.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cronwatch.core.validation.SlugRule;

import dev.cronwatch.core.validation.Nearest;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlugsTest {
    @Test
    void slugifiesAsSentryDoes() {
        assertThat(Slugs.slugify("some/slug@with-weird|stuff")).isEqualTo("someslugwith-weirdstuff");
        assertThat(Slugs.slugify("MyJob")).isEqualTo("myjob");
        assertThat(Slugs.slugify("  Nightly   Backup -- DB ")).isEqualTo("nightly-backup-db");
        assertThat(Slugs.slugify("Crème brûlée")).isEqualTo("creme-brulee");
        assertThat(Slugs.slugify("_job_")).isEqualTo("job");
        assertThat(Slugs.slugify("x".repeat(60))).hasSize(50);
        assertThat(Slugs.slugify("a".repeat(49) + " b")).isEqualTo("a".repeat(49));
    }

    @Test
    void validatesApiSlugs() {
        assertThat(SlugRule.MONITOR.accepts("nightly-backup_2")).isTrue();
        assertThat(SlugRule.MONITOR.accepts("123")).isFalse();
        assertThat(SlugRule.MONITOR.accepts("Upper")).isFalse();
        assertThat(SlugRule.MONITOR.accepts("x".repeat(51))).isFalse();
        assertThat(SlugRule.MONITOR.accepts("")).isFalse();
    }

    @Test
    void suggestsTheNearestSlugOnlyWhenItIsATypoAway() {
        List<String> slugs = List.of("nightly-backup", "nightly-backup-db", "weekly-report", "db");
        assertThat(Nearest.typoOf("nightly-bakup", slugs)).contains("nightly-backup");
        assertThat(Nearest.typoOf("weekly-reprot", slugs)).contains("weekly-report");
        assertThat(Nearest.typoOf("nightly-backup", slugs)).as("never the slug itself").contains("nightly-backup-db");
        assertThat(Nearest.typoOf("dc", slugs)).as("a short slug: one letter").contains("db");
        assertThat(Nearest.typoOf("invoices", slugs)).isEmpty();
        assertThat(Nearest.typoOf("ab-c", List.of("ab-d", "ab-b"))).as("a tie: alphabetical").contains("ab-b");
        assertThat(Nearest.editDistance("kitten", "sitting")).isEqualTo(3);
    }
}
