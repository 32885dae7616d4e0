package org.camelshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    record Sample(String name, Integer count, Boolean flag) {
    }

    @Test
    void readsAndIgnoresUnknownFields() {
        assertEquals(new Sample("a", 2, true), Json.read("{\"name\":\"a\",\"count\":2,\"flag\":true,\"extra\":1}", Sample.class));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"name\":1}                | name  | must be a string",
            "{\"count\":\"2\"}           | count | must be a whole number",
            "{\"count\":2.5}             | count | must be a whole number",
            "{\"flag\":\"yes\"}          | flag  | must be true or false",
            "{\"name\":                  | body  | is not valid JSON",
            "[1,2]                       | body  | has the wrong type",
            "{} trailing                 | body  | is not valid JSON"})
    void namesTheFieldOfAnyMistake(String body, String field, String problem) {
        ApiException error = assertThrows(ApiException.class, () -> Json.read(body, Sample.class));
        assertEquals(400, error.status());
        assertEquals(field, error.details().get(0).field());
        assertEquals(problem, error.details().get(0).problem());
    }

    @Test
    void refusesEmptyAndOversizedBodies() {
        assertEquals(400, assertThrows(ApiException.class, () -> Json.read(" ", Sample.class)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> Json.read("null", Sample.class)).status());
        assertEquals(413, assertThrows(ApiException.class, () -> Json.read("{\"name\":\"" + "x".repeat(Json.MAX_BODY_BYTES) + "\"}", Sample.class)).status());
    }
}
