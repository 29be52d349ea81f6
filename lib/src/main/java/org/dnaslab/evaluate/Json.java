package org.dnaslab.evaluate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dnaslab.space.Architecture;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;

/**
 * The JSON form of this package's records. Strict on reading: an unknown or missing field is an error, so a
 * stored result can never silently lose which protocol it was trained under.
 *
 * <p>{@link Architecture} has no JSON form in {@code org.dnaslab.space} yet; this one writes
 * {@code {"space":"nb201","cells":{"normal":{"ops":[...],"kept":[...]}}}} ({@code kept} only when some edge is
 * dropped) and should give way to the space package's own form once it exists.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("dnaslab-architecture")
                    .addSerializer(Architecture.class, new ArchitectureSerializer())
                    .addDeserializer(Architecture.class, new ArchitectureDeserializer()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + " in JSON: " + e.getOriginalMessage()
                    + location(e), e);
        }
    }

    /** " at line 3, column 7" where Jackson knows it, else "". */
    static String location(JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static final class ArchitectureSerializer extends JsonSerializer<Architecture> {
        @Override
        public void serialize(Architecture a, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeStringField("space", a.space().name());
            g.writeObjectFieldStart("cells");
            for (CellType t : a.space().cellTypes()) {
                g.writeObjectFieldStart(t.key());
                g.writeArrayFieldStart("ops");
                for (String op : a.ops(t)) {
                    g.writeString(op);
                }
                g.writeEndArray();
                if (a.keptEdges(t).contains(Boolean.FALSE)) {
                    g.writeArrayFieldStart("kept");
                    for (boolean k : a.keptEdges(t)) {
                        g.writeBoolean(k);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static final class ArchitectureDeserializer extends JsonDeserializer<Architecture> {
        @Override
        public Architecture deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (!(node instanceof ObjectNode) || !node.hasNonNull("space") || !node.has("cells")) {
                throw JsonMappingException.from(parser, "an architecture needs the fields \"space\" and \"cells\", got " + node);
            }
            try {
                SearchSpace space = SearchSpace.byName(node.get("space").asText());
                Map<CellType, List<String>> ops = new EnumMap<>(CellType.class);
                Map<CellType, List<Boolean>> kept = new EnumMap<>(CellType.class);
                Iterator<Map.Entry<String, JsonNode>> cells = node.get("cells").fields();
                while (cells.hasNext()) {
                    Map.Entry<String, JsonNode> cell = cells.next();
                    CellType type = CellType.valueOf(cell.getKey().toUpperCase(Locale.ROOT));
                    List<String> cellOps = new ArrayList<>();
                    cell.getValue().path("ops").forEach(op -> cellOps.add(op.asText()));
                    ops.put(type, cellOps);
                    if (cell.getValue().has("kept")) {
                        List<Boolean> cellKept = new ArrayList<>();
                        cell.getValue().get("kept").forEach(k -> cellKept.add(k.asBoolean()));
                        kept.put(type, cellKept);
                    }
                }
                boolean anyKept = !kept.isEmpty();
                if (anyKept) {
                    for (CellType t : space.cellTypes()) {
                        kept.putIfAbsent(t, java.util.Collections.nCopies(space.edges().size(), Boolean.TRUE));
                    }
                }
                return Architecture.of(space, ops, anyKept ? kept : null);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(parser, "not a valid architecture: " + e.getMessage(), e);
            }
        }
    }
}
