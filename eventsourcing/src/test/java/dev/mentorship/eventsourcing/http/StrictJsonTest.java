package dev.mentorship.eventsourcing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    record Person(String name, List<String> skills, Integer years, int capacity) {
    }

    private final ObjectMapper mapper = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void text_outside_the_basic_plane_is_kept_as_sent() throws Exception {
        Person person = mapper.readValue("{\"name\":\"Zo\\u00eb \\ud83d\\ude80 \u4f60\u597d\",\"skills\":[\"on-call \\ud83d\\udcdf\"]}", Person.class);

        assertThat(person.name()).isEqualTo("Zoë 🚀 你好");
        assertThat(person.skills()).containsExactly("on-call 📟");
    }

    @Test
    void a_nul_character_is_refused_with_its_field() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\\u0000b\"}", Person.class))
                .isInstanceOfSatisfying(StrictJson.UnstorableText.class, e -> {
                    assertThat(e.reason()).contains("NUL");
                    assertThat(e.getPath()).singleElement().satisfies(ref -> assertThat(ref.getFieldName()).isEqualTo("name"));
                });
    }

    @Test
    void unpaired_surrogates_are_refused_wherever_they_stand() {
        for (String text : List.of("\\ud800", "a\\ud800b", "\\udc00a", "ab\\ude80", "\\ud83d\\ud83d")) {
            assertThatThrownBy(() -> mapper.readValue("{\"name\":\"" + text + "\"}", Person.class))
                    .as(text).isInstanceOfSatisfying(StrictJson.UnstorableText.class, e -> assertThat(e.reason()).contains("unpaired surrogate"));
        }
    }

    @Test
    void strings_inside_lists_are_checked_too() {
        assertThatThrownBy(() -> mapper.readValue("{\"skills\":[\"fine\",\"bad\\u0000\"]}", Person.class))
                .isInstanceOfSatisfying(StrictJson.UnstorableText.class,
                        e -> assertThat(e.getPath()).extracting(ref -> ref.getFieldName() == null ? "[" + ref.getIndex() + "]" : ref.getFieldName())
                                .containsExactly("skills", "[1]"));
    }

    @Test
    void a_fraction_is_not_cut_to_a_whole_number() throws Exception {
        assertThatThrownBy(() -> mapper.readValue("{\"years\":3.7}", Person.class)).isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"capacity\":1.5}", Person.class)).isInstanceOf(InvalidFormatException.class);
        assertThat(mapper.readValue("{\"years\":3,\"capacity\":2}", Person.class)).extracting(Person::years, Person::capacity).containsExactly(3, 2);
    }

    @Test
    void a_field_named_twice_is_refused() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\",\"name\":\"b\"}", Person.class))
                .isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class).hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void without_the_customizer_the_same_input_is_altered_silently() throws Exception {
        Person person = new ObjectMapper().readValue("{\"name\":\"x\",\"name\":\"a\\ud800b\",\"years\":3.7}", Person.class);

        assertThat(person.years()).isEqualTo(3);
        assertThat(new String(person.name().getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("a?b");
    }
}
