package dev.cronwatch.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core says what kind of refusal it is; the HTTP edge alone picks the status. */
class FieldErrorTest {
    @Test
    void aRefusalCarriesItsKind_neverAnHttpStatus() {
        for (Constructor<?> constructor : FieldError.class.getConstructors()) {
            assertThat(List.of(constructor.getParameterTypes())).as(constructor.toString()).doesNotContain(int.class);
        }
        assertThat(Arrays.stream(FieldError.class.getMethods()).map(Method::getName)).doesNotContain("status");
        assertThat(new FieldError("slug", "taken", FieldError.Kind.CONFLICT).kind()).isEqualTo(FieldError.Kind.CONFLICT);
        assertThat(new FieldError("slug", "malformed").kind()).isEqualTo(FieldError.Kind.INVALID);
    }
}
