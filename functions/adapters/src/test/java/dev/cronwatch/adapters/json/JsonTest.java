package dev.cronwatch.adapters.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSON codec's reading and writing, as the API, the queue and the table rely on them. */
class JsonTest {
    @Test
    void readsEachNumberAsTheSmallestTypeThatHoldsIt_andKeepsTheKeysInOrder() {
        Map<String, Object> m = Json.parseObject("{\"i\":1,\"l\":12345678901,\"b\":123456789012345678901234567890,"
                + "\"d\":1.5,\"e\":1e3,\"s\":\"x\",\"n\":null,\"t\":true,\"f\":false,\"arr\":[1,[2]]}");
        assertThat(m).containsKeys("i", "l", "b", "d", "e", "s", "n", "t", "f", "arr");
        assertThat(List.copyOf(m.keySet())).containsExactly("i", "l", "b", "d", "e", "s", "n", "t", "f", "arr");
        assertThat(m.get("i")).isEqualTo(1);
        assertThat(m.get("l")).isEqualTo(12345678901L);
        assertThat(m.get("b")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(m.get("d")).isEqualTo(1.5);
        assertThat(m.get("e")).isEqualTo(1000.0);
        assertThat(m.get("s")).isEqualTo("x");
        assertThat(m.get("n")).isNull();
        assertThat(m.get("t")).isEqualTo(true);
        assertThat(m.get("f")).isEqualTo(false);
        assertThat(m.get("arr")).isEqualTo(List.of(1, List.of(2)));
    }

    @Test
    void anObjectKeepsItsFieldsInTheOrderGiven_nullsIncluded() {
        assertThat(Json.write(Json.object("z", 1, "a", null, "m", "x"))).isEqualTo("{\"z\":1,\"a\":null,\"m\":\"x\"}");
        assertThatThrownBy(() -> Json.object("name", "value", "orphan")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theExactReadingKeepsAFractionsDigits() {
        assertThat(Json.parseObjectExact("{\"a\": 1.50, \"b\": 1e2, \"c\": 3}"))
                .containsEntry("a", new BigDecimal("1.50")).containsEntry("b", new BigDecimal("1E+2")).containsEntry("c", 3);
    }

    @Test
    void refusesWhatIsNotOneJsonValue_sayingWhere() {
        for (String text : List.of("", "   ", "{\"a\" 1}", "{\"a\": 1, \"a\": 2}", "NaN", "[1,", "{\"a\": ok}")) {
            assertThatThrownBy(() -> Json.parse(text)).as(text).isInstanceOf(Json.MalformedJsonException.class)
                    .hasMessageStartingWith("Malformed JSON").hasMessageNotContaining("Exception");
        }
        assertThatThrownBy(() -> Json.parse("{\"a\": 1} xyz")).isInstanceOf(Json.MalformedJsonException.class)
                .hasMessageStartingWith("Malformed JSON: unexpected text after the value at line 1, column ");
        assertThatThrownBy(() -> Json.parse("{\"a\": ok}")).hasMessageContaining("at line 1, column ");
        String deep = "[".repeat(1100) + "]".repeat(1100);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(Json.MalformedJsonException.class);
        assertThatThrownBy(() -> Json.parseObject("[1]")).hasMessage("Expected a JSON object.");
        assertThatThrownBy(() -> Json.parseArray("{}")).hasMessage("Expected a JSON array.");
    }

    enum Kind { A_B; @Override public String toString() { return "a-b"; } }

    @Test
    void writesMapsListsTextNumbersAndNull_andTextualTypesAsTheirText() {
        Map<Object, Object> keys = new LinkedHashMap<>();
        keys.put(1, "int key");
        keys.put(null, "null key");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("e", Kind.A_B);
        value.put("u", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        value.put("uri", URI.create("http://x/y"));
        value.put("bd", new BigDecimal("1E+3"));
        value.put("bd2", new BigDecimal("0.10"));
        value.put("f", 1.5f);
        value.put("d", 2.0);
        value.put("n", null);
        value.put("set", new TreeSet<>(List.of(1, 2)));
        value.put("array", new Object[] {"a", null});
        value.put("c", 'c');
        value.put("sb", new StringBuilder("sb"));
        value.put("nan", Double.NaN);
        value.put("ctl", "a\u0001\u2028/</\"\\");
        value.put("k", keys);
        assertThat(Json.write(value)).isEqualTo("{\"e\":\"a-b\",\"u\":\"00000000-0000-0000-0000-000000000001\","
                + "\"uri\":\"http://x/y\",\"bd\":1E+3,\"bd2\":0.10,\"f\":1.5,\"d\":2.0,\"n\":null,\"set\":[1,2],"
                + "\"array\":[\"a\",null],\"c\":\"c\",\"sb\":\"sb\",\"nan\":\"NaN\",\"ctl\":\"a\\u0001\u2028/</\\\"\\\\\","
                + "\"k\":{\"1\":\"int key\",\"null\":\"null key\"}}");
        assertThat(Json.write(Arrays.asList(1, 12345678901L, true, null))).isEqualTo("[1,12345678901,true,null]");
    }

    @Test
    void aTypeWithNoOneJsonFormIsRefused() {
        assertThatThrownBy(() -> Json.write(Map.of("at", Instant.EPOCH))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.time.Instant");
    }

    @Test
    void whatItWritesItReadsBack() {
        Map<String, Object> value = Json.parseObject("{\"a\":[1,2.5,\"x\",null,{\"b\":false}],\"c\":{}}");
        assertThat(Json.parseObject(Json.write(value))).isEqualTo(value);
    }
}
