package org.dnaslab.space;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.dnaslab.store.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of an {@link Architecture}:
 * <pre>{@code
 * {"space": "darts",
 *  "cells": {"normal": {"ops": ["sep_conv_3x3", "sep_conv_3x3", "none", ...], "kept": [true, true, false, ...]},
 *            "reduce": {"ops": [...], "kept": [...]}}}
 * }</pre>
 * {@code space} is a name {@link SearchSpace#byName} knows; {@code cells} has one entry per cell type of the
 * space, keyed by {@link CellType#key()}; {@code ops} lists one op per edge in the space's canonical edge order
 * ({@link SearchSpace#edges()}: by target node, then source node); {@code kept} has one flag per edge and may be
 * omitted when every edge is kept (always so for nb201, where it is not written).
 *
 * <p>{@code Architecture} carries Jackson annotations that point at {@link Serializer} and {@link Deserializer},
 * so a plain {@code new ObjectMapper()} reads and writes this form, also inside other records.
 */
public final class ArchitectureJson {
    private ArchitectureJson() {
    }

    /** The JSON tree of an architecture. */
    public static ObjectNode toTree(Architecture a) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("space", a.space().name());
        ObjectNode cells = root.putObject("cells");
        for (CellType t : a.space().cellTypes()) {
            ObjectNode cell = cells.putObject(t.key());
            ArrayNode ops = cell.putArray("ops");
            a.ops(t).forEach(ops::add);
            if (a.space().keepsTopInputs()) {
                ArrayNode kept = cell.putArray("kept");
                a.keptEdges(t).forEach(kept::add);
            }
        }
        return root;
    }

    /** Reads an architecture from its JSON tree; errors name the field that is wrong. */
    public static Architecture fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("architecture JSON must be an object with 'space' and 'cells', got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        JsonNode spaceName = root.get("space");
        if (spaceName == null || !spaceName.isTextual()) {
            throw new IllegalArgumentException("architecture JSON: 'space' must be a space name such as \"nb201\", got "
                    + spaceName);
        }
        SearchSpace space = SearchSpace.byName(spaceName.asText());
        JsonNode cells = root.get("cells");
        if (cells == null || !cells.isObject()) {
            throw new IllegalArgumentException("architecture JSON: 'cells' must be an object keyed by cell type "
                    + keys(space) + ", got " + cells);
        }
        for (Iterator<String> it = cells.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys(space).contains(key)) {
                throw new IllegalArgumentException("architecture JSON: the " + space.name() + " space has no '" + key
                        + "' cell; cells are " + keys(space));
            }
        }
        Map<CellType, List<String>> ops = new EnumMap<>(CellType.class);
        Map<CellType, List<Boolean>> kept = new EnumMap<>(CellType.class);
        for (CellType t : space.cellTypes()) {
            JsonNode cell = cells.get(t.key());
            if (cell == null || !cell.isObject()) {
                throw new IllegalArgumentException("architecture JSON: missing the '" + t.key() + "' cell object");
            }
            ops.put(t, list(cell.get("ops"), t.key() + ".ops", JsonNode::isTextual, JsonNode::asText));
            JsonNode keptNode = cell.get("kept");
            if (keptNode != null && !keptNode.isNull()) {
                kept.put(t, list(keptNode, t.key() + ".kept", JsonNode::isBoolean, JsonNode::asBoolean));
            }
        }
        return Architecture.of(space, ops, kept);
    }

    private static List<String> keys(SearchSpace space) {
        return space.cellTypes().stream().map(CellType::key).toList();
    }

    private static <T> List<T> list(JsonNode node, String field, java.util.function.Predicate<JsonNode> isRight,
                                    java.util.function.Function<JsonNode, T> value) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("architecture JSON: '" + field + "' must be an array, got " + node);
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!isRight.test(node.get(i))) {
                throw new IllegalArgumentException("architecture JSON: " + field + "[" + i + "] has the wrong type: "
                        + node.get(i));
            }
            out.add(value.apply(node.get(i)));
        }
        return out;
    }

    /** Compact JSON text. */
    public static String write(Architecture a) {
        return toTree(a).toString();
    }

    /** Reads JSON text; malformed JSON and wrong content both give {@link IllegalArgumentException}. */
    public static Architecture read(String json) {
        return fromTree(Json.tree(json, "architecture JSON"));
    }

    /** Jackson serializer wired to {@link Architecture} by annotation. */
    public static final class Serializer extends StdSerializer<Architecture> {
        public Serializer() {
            super(Architecture.class);
        }

        @Override
        public void serialize(Architecture value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeTree(toTree(value));
        }
    }

    /** Jackson deserializer wired to {@link Architecture} by annotation; content errors become mapping errors. */
    public static final class Deserializer extends StdDeserializer<Architecture> {
        public Deserializer() {
            super(Architecture.class);
        }

        @Override
        public Architecture deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = p.readValueAsTree();
            try {
                return fromTree(tree);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
