package dev.cronwatch.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** docs/spec.md §1, §3, §4: one rule per kind of slug, one wording of each. */
class SlugRuleTest {
    @Test
    void anOrganizationSlugStartsWithALetterOrDigit_andMayBeDigits() {
        assertThat(SlugRule.ORGANIZATION.accepts("acme-2")).isTrue();
        assertThat(SlugRule.ORGANIZATION.accepts("42")).isTrue();
        assertThat(SlugRule.ORGANIZATION.accepts("-acme")).isFalse();
        assertThat(SlugRule.ORGANIZATION.accepts("Acme")).isFalse();
        assertThat(SlugRule.ORGANIZATION.accepts("a".repeat(51))).isFalse();
        assertThat(SlugRule.ORGANIZATION.accepts(null)).isFalse();
    }

    @Test
    void aProjectSlugIsAnOrganizationsShape_notOnlyDigits_andNeedsNoLetter() {
        assertThat(SlugRule.PROJECT.accepts("1-2")).isTrue();
        assertThat(SlugRule.PROJECT.accepts("web")).isTrue();
        assertThat(SlugRule.PROJECT.accepts("12")).isFalse();
        assertThat(SlugRule.PROJECT.accepts("_web")).isFalse();
    }

    @Test
    void aMonitorSlugMayStartWithADashOrUnderscore_notOnlyDigits() {
        assertThat(SlugRule.MONITOR.accepts("_nightly")).isTrue();
        assertThat(SlugRule.MONITOR.accepts("-")).isTrue();
        assertThat(SlugRule.MONITOR.accepts("123")).isFalse();
        assertThat(SlugRule.MONITOR.accepts("")).isFalse();
        assertThat(SlugRule.MONITOR.accepts("x".repeat(51))).isFalse();
    }

    @Test
    void aRefusalNamesTheFieldTheKindAndTheRule_quotingAtMost60Characters() {
        assertThatThrownBy(() -> SlugRule.MONITOR.check("Bad Slug", "slug")).isInstanceOfSatisfying(FieldError.class,
                e -> {
                    assertThat(e.field()).isEqualTo("slug");
                    assertThat(e.detail()).isEqualTo("Invalid monitor slug \"Bad Slug\": " + SlugRule.MONITOR.rule() + ".");
                });
        assertThat(SlugRule.PROJECT.refusal("p".repeat(80))).contains("\"" + "p".repeat(60) + "…\"");
        assertThat(SlugRule.ORGANIZATION.check("acme", "name")).isEqualTo("acme");
    }
}
