package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** How a sink splits BLOB records into columns. */
@PublicEvolving
public enum BinaryParserType {
    DELIMITER_PARSER,
    INFORMATICA_JSON_PARSER;

    /** The value sent on the wire (the constant's name). */
    public String wireValue() {
        return name();
    }

    /** Parses a wire value in any letter case; null for null. */
    public static BinaryParserType fromWireValue(String value) {
        return WireValues.parse(values(), BinaryParserType::wireValue, value, "binary parser type");
    }
}
