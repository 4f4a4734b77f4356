package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.util.Objects;

/** One field of a tuple topic's schema: name, type, whether it may be null, and a comment. */
@PublicEvolving
public final class Field {
    private final String name;
    private final FieldType type;
    private final boolean allowNull;
    private final String comment;

    /** A nullable field without comment. */
    public Field(String name, FieldType type) {
        this(name, type, true, "");
    }

    public Field(String name, FieldType type, boolean allowNull) {
        this(name, type, allowNull, "");
    }

    public Field(String name, FieldType type, boolean allowNull, String comment) {
        this.name = Validation.notEmpty(name, "field name");
        this.type = Validation.notNull(type, "type of field '" + name + "'");
        this.allowNull = allowNull;
        this.comment = comment == null ? "" : comment;
    }

    public String getName() {
        return name;
    }

    public FieldType getType() {
        return type;
    }

    public boolean isAllowNull() {
        return allowNull;
    }

    public String getComment() {
        return comment;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Field)) {
            return false;
        }
        Field f = (Field) o;
        return allowNull == f.allowNull
                && name.equals(f.name)
                && type == f.type
                && comment.equals(f.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, allowNull, comment);
    }

    @Override
    public String toString() {
        return name
                + " "
                + type
                + (allowNull ? "" : " NOT NULL")
                + (comment.isEmpty() ? "" : " '" + comment + "'");
    }
}
