package io.facteur.core.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.core.internal.registry.SettingsSchema;
import io.facteur.core.internal.registry.SettingsSchema.Attribute;
import io.facteur.core.internal.registry.SettingsSchema.Option;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsValidatorTest {
    private static final SettingsSchema SCHEMA =
            new SettingsSchema(
                    "io.facteur.export.sftp",
                    "SFTP",
                    "",
                    List.of(
                            attribute("dossier", "STRING", true, false, List.of(), false),
                            attribute("port", "INTEGER", true, false, List.of(), false),
                            attribute("enabled", "BOOLEAN", false, false, List.of(), false),
                            attribute(
                                    "mode", "STRING", false, false, List.of("fast", "slow"), false),
                            attribute("password", "PASSWORD", true, false, List.of(), true),
                            attribute("hosts", "STRING", false, true, List.of(), false),
                            attribute("retries", "INTEGER", false, true, List.of(), false)));
    private static final Map<String, Object> FIXED = Map.of("dossier", "acme");

    private final List<String> rangeChecked = new ArrayList<>();
    private final SettingsValidator validator =
            new SettingsValidator(
                    SCHEMA,
                    (id, value) -> {
                        rangeChecked.add(id + "=" + value);
                        return id.equals("port") && Integer.parseInt(value) > 65535
                                ? "must be at most 65535"
                                : id.equals("retries") ? null : "";
                    });

    @Test
    void acceptsValidSettingsAndConvertsThemToTheirTypes() {
        SettingsValidator.Result result = validate(valid(), Set.of());

        assertThat(result.valid()).isTrue();
        assertThat(result.values())
                .containsEntry("dossier", "acme")
                .containsEntry("port", 22)
                .containsEntry("enabled", true)
                .containsEntry("mode", "fast")
                .containsEntry("password", "s3cret");
        assertThat(rangeChecked).contains("port=22", "enabled=true");
    }

    @Test
    void storesTheDefaultOfASettingLeftOut() {
        SettingsSchema schema =
                new SettingsSchema(
                        "p",
                        "P",
                        "",
                        List.of(
                                new Attribute(
                                        "port",
                                        "INTEGER",
                                        "Port",
                                        "",
                                        false,
                                        false,
                                        List.of("22"),
                                        List.of(),
                                        false),
                                new Attribute(
                                        "tags",
                                        "STRING",
                                        "Tags",
                                        "",
                                        false,
                                        true,
                                        List.of("a", "b"),
                                        List.of(),
                                        false)));
        SettingsValidator.Result result =
                new SettingsValidator(schema, (id, v) -> null)
                        .validate(Map.of(), Set.of(), Map.of());

        assertThat(result.valid()).isTrue();
        assertThat(result.values()).containsEntry("port", 22);
        assertThat((String[]) result.values().get("tags")).containsExactly("a", "b");
    }

    @Test
    void refusesAnUnknownSetting() {
        Map<String, Object> submitted = valid();
        submitted.put("colour", "red");

        assertThat(validate(submitted, Set.of()).violations())
                .containsExactly(new Violation("colour", "unknown setting"));
    }

    @Test
    void refusesAMissingRequiredSetting() {
        Map<String, Object> submitted = valid();
        submitted.remove("port");

        assertThat(validate(submitted, Set.of()).violations())
                .containsExactly(new Violation("port", "required"));
    }

    static List<Arguments> wrongTypes() {
        return List.of(
                Arguments.of("port", "twenty-two", "not a valid INTEGER: twenty-two"),
                Arguments.of("port", 1.5, "not a valid INTEGER: 1.5"),
                Arguments.of("port", true, "not a valid INTEGER: true"),
                Arguments.of("enabled", "abc", "not a valid BOOLEAN: abc"),
                Arguments.of("enabled", 1, "not a valid BOOLEAN: 1"),
                Arguments.of("mode", 3, "not a valid STRING: 3"),
                Arguments.of("port", List.of(22), "a single INTEGER value is expected"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void refusesAValueOfTheWrongType(String id, Object value, String message) {
        Map<String, Object> submitted = valid();
        submitted.put(id, value);

        SettingsValidator.Result result = validate(submitted, Set.of());

        assertThat(result.violations()).containsExactly(new Violation(id, message));
        assertThat(result.values()).doesNotContainKey(id);
    }

    @Test
    void convertsWholeNumbersGivenAsTextOrDecimals() {
        Map<String, Object> submitted = valid();
        submitted.put("port", " 2222 ");
        submitted.put("enabled", "false");
        assertThat(validate(submitted, Set.of()).values())
                .containsEntry("port", 2222)
                .containsEntry("enabled", false);

        submitted.put("port", 2222.0);
        assertThat(validate(submitted, Set.of()).values()).containsEntry("port", 2222);
    }

    @Test
    void enforcesTheOptions() {
        Map<String, Object> submitted = valid();
        submitted.put("mode", "medium");

        assertThat(validate(submitted, Set.of()).violations())
                .containsExactly(new Violation("mode", "must be one of [fast, slow]"));
    }

    @Test
    void reportsTheMessageOfTheRangeCheck() {
        Map<String, Object> submitted = valid();
        submitted.put("port", 70000);

        assertThat(validate(submitted, Set.of()).violations())
                .containsExactly(new Violation("port", "must be at most 65535"));
    }

    @Test
    void aSecretLeftOutKeepsTheStoredOne() {
        Map<String, Object> submitted = valid();
        submitted.remove("password");
        SettingsValidator.Result omitted = validate(submitted, Set.of("password"));
        submitted.put("password", "");
        SettingsValidator.Result blank = validate(submitted, Set.of("password"));

        for (SettingsValidator.Result result : List.of(omitted, blank)) {
            assertThat(result.violations()).isEmpty();
            assertThat(result.values()).doesNotContainKey("password");
        }
    }

    @Test
    void aRequiredSecretNeverSetMustBeGiven() {
        Map<String, Object> submitted = valid();
        submitted.put("password", "");

        assertThat(validate(submitted, Set.of()).violations())
                .containsExactly(new Violation("password", "required"));
    }

    @Test
    void convertsListsOfMultipleAttributesToTypedArrays() {
        Map<String, Object> submitted = valid();
        submitted.put("hosts", List.of("a.example", "b.example"));
        submitted.put("retries", List.of(1, "2", 3.0));

        Map<String, Object> values = validate(submitted, Set.of()).values();

        assertThat(values.get("hosts")).isEqualTo(new String[] {"a.example", "b.example"});
        assertThat(values.get("retries")).isEqualTo(new Integer[] {1, 2, 3});
    }

    @Test
    void refusesAMultipleAttributeThatIsNotAListOrHasABadItem() {
        Map<String, Object> submitted = valid();
        submitted.put("hosts", "a.example");
        submitted.put("retries", List.of(1, "x"));

        assertThat(validate(submitted, Set.of()).violations())
                .containsExactly(
                        new Violation("hosts", "a list of STRING values is expected"),
                        new Violation("retries", "not a valid INTEGER: x"));
    }

    @Test
    void theCallerCannotChangeAFixedAttribute() {
        Map<String, Object> submitted = valid();
        submitted.put("dossier", "other");

        SettingsValidator.Result result = validate(submitted, Set.of());

        assertThat(result.violations())
                .containsExactly(new Violation("dossier", "set by the platform, must be acme"));
        assertThat(result.values()).containsEntry("dossier", "acme");

        submitted.put("dossier", "acme");
        assertThat(validate(submitted, Set.of()).valid()).isTrue();
    }

    private SettingsValidator.Result validate(Map<String, Object> submitted, Set<String> secrets) {
        return validator.validate(submitted, secrets, FIXED);
    }

    private static Map<String, Object> valid() {
        Map<String, Object> m = new HashMap<>();
        m.put("port", 22);
        m.put("enabled", true);
        m.put("mode", "fast");
        m.put("password", "s3cret");
        return m;
    }

    private static Attribute attribute(
            String id,
            String type,
            boolean required,
            boolean multiple,
            List<String> options,
            boolean secret) {
        return new Attribute(
                id,
                type,
                id,
                "",
                required,
                multiple,
                List.of(),
                options.stream().map(o -> new Option(o, o.toUpperCase())).toList(),
                secret);
    }
}
