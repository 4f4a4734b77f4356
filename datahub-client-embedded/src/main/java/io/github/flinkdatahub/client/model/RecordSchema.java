package io.github.flinkdatahub.client.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ordered fields of a tuple topic. Immutable; made with {@link #fromLists}, {@link
 * #fromJsonString} or {@link #builder()}. Field names are unique ignoring case, as in the service.
 */
@PublicEvolving
public final class RecordSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Field> fields;
    private final Map<String, Integer> indexByLowerName;

    private RecordSchema(List<Field> fields) {
        Validation.check(!fields.isEmpty(), "A record schema needs at least one field");
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String lower = fields.get(i).getName().toLowerCase(Locale.ROOT);
            Validation.check(
                    index.put(lower, i) == null,
                    "Duplicate field name '" + fields.get(i).getName() + "' in record schema");
        }
        this.indexByLowerName = index;
    }

    public static RecordSchema of(List<Field> fields) {
        return new RecordSchema(Validation.notNull(fields, "fields"));
    }

    public static RecordSchema of(Field... fields) {
        return new RecordSchema(List.of(fields));
    }

    /** All fields nullable. */
    public static RecordSchema fromLists(List<String> names, List<FieldType> types) {
        return fromLists(names, types, null);
    }

    /** {@code allowNulls} may be null (all nullable); otherwise one flag per field. */
    public static RecordSchema fromLists(
            List<String> names, List<FieldType> types, List<Boolean> allowNulls) {
        Validation.notNull(names, "names");
        Validation.notNull(types, "types");
        Validation.check(
                names.size() == types.size(),
                "fromLists needs one type per name: "
                        + names.size()
                        + " names, "
                        + types.size()
                        + " types");
        Validation.check(
                allowNulls == null || allowNulls.size() == names.size(),
                "fromLists needs one nullability flag per name: "
                        + names.size()
                        + " names, "
                        + (allowNulls == null ? 0 : allowNulls.size())
                        + " flags");
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(
                    new Field(
                            names.get(i),
                            types.get(i),
                            allowNulls == null || Boolean.TRUE.equals(allowNulls.get(i))));
        }
        return new RecordSchema(fields);
    }

    /**
     * Parses the schema text the service stores: {@code {"fields":[{"name":..,"type":..,
     * "notnull":bool?,"comment":str?}]}}. Type names may be in any case.
     */
    public static RecordSchema fromJsonString(String json) {
        Validation.notEmpty(json, "record schema JSON");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw Validation.invalid("Record schema is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode arr = root == null ? null : root.get("fields");
        Validation.check(
                arr != null && arr.isArray(),
                "Record schema JSON needs a \"fields\" array, e.g. {\"fields\":[{\"name\":\"a\",\"type\":\"BIGINT\"}]}");
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : arr) {
            JsonNode name = f.get("name");
            JsonNode type = f.get("type");
            Validation.check(
                    name != null && type != null,
                    "Each schema field needs \"name\" and \"type\": " + f);
            JsonNode notNull = f.get("notnull");
            JsonNode comment = f.get("comment");
            fields.add(
                    new Field(
                            name.asText(),
                            FieldType.fromName(type.asText()),
                            notNull == null || !notNull.asBoolean(),
                            comment == null ? "" : comment.asText()));
        }
        return new RecordSchema(fields);
    }

    /**
     * The schema text as the Java SDK writes it: upper-case types, notnull/comment only when set.
     */
    public String toJsonString() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("fields");
        for (Field f : fields) {
            ObjectNode n = arr.addObject();
            n.put("name", f.getName());
            n.put("type", f.getType().name());
            if (!f.isAllowNull()) {
                n.put("notnull", true);
            }
            if (!f.getComment().isBlank()) {
                n.put("comment", f.getComment());
            }
        }
        return root.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Field> getFields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field getField(int index) {
        return fields.get(index);
    }

    /** Position of the field named {@code name} (ignoring case), or -1. */
    public int indexOf(String name) {
        Integer i = name == null ? null : indexByLowerName.get(name.toLowerCase(Locale.ROOT));
        return i == null ? -1 : i;
    }

    public boolean containsField(String name) {
        return indexOf(name) >= 0;
    }

    public Field getField(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw Validation.invalid("No field '" + name + "' in schema " + this);
        }
        return fields.get(i);
    }

    /**
     * A copy with {@code field} appended; appended fields must be nullable, as the service
     * requires.
     */
    public RecordSchema withField(Field field) {
        List<Field> copy = new ArrayList<>(fields);
        copy.add(field);
        return new RecordSchema(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordSchema && fields.equals(((RecordSchema) o).fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** Adds fields one by one, as PyDatahub's {@code add_field}. */
    @PublicEvolving
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {}

        public Builder addField(Field field) {
            fields.add(Validation.notNull(field, "field"));
            return this;
        }

        public Builder addField(String name, FieldType type) {
            return addField(new Field(name, type));
        }

        public Builder addField(String name, FieldType type, boolean allowNull) {
            return addField(new Field(name, type, allowNull));
        }

        public RecordSchema build() {
            return new RecordSchema(fields);
        }
    }
}
