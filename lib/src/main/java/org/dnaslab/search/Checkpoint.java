package org.dnaslab.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import org.dnaslab.ops.InPlace;
import org.dnaslab.store.AtomicFiles;
import org.dnaslab.store.Json;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A binary checkpoint: a JSON header of scalars (position in the run, optimizer counters, running sums) and
 * named arrays (weights, α, β, optimizer state). Written atomically, with the body's length and CRC-32, so that a
 * file cut short or changed afterwards is recognised as such. Loading checks everything (length, checksum, every
 * array's presence and shape) before it copies anything into the existing arrays, and fails naming the file and
 * what is wrong.
 */
public final class Checkpoint {
    private static final String MAGIC = "DNASLAB-CKPT";
    /** 1: no length or checksum (still read); 2: body length before the body, CRC-32 of the body after it. */
    private static final int FORMAT = 2;

    private Checkpoint() {
    }

    public static void save(Path file, Map<String, Double> scalars, Map<String, NDArray> arrays) {
        AtomicFiles.write(file, raw -> {
            java.io.ByteArrayOutputStream bodyBytes = new java.io.ByteArrayOutputStream();
            DataOutputStream body = new DataOutputStream(bodyBytes);
            byte[] header = Json.MAPPER.writeValueAsBytes(scalars);
            body.writeInt(header.length);
            body.write(header);
            body.writeInt(arrays.size());
            for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                body.writeUTF(e.getKey());
                byte[] bytes = e.getValue().encode();
                body.writeInt(bytes.length);
                body.write(bytes);
            }
            body.flush();
            CRC32 crc = new CRC32();
            crc.update(bodyBytes.toByteArray());
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(bodyBytes.size());
            bodyBytes.writeTo(out);
            out.writeLong(crc.getValue());
            out.flush();
        });
    }

    /** Reads the scalars and copies every array of {@code into} from the file; returns the scalars. */
    public static Map<String, Double> load(Path file, Map<String, NDArray> into) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (java.io.UTFDataFormatException e) {
                magic = "(not text)";
            }
            if (!MAGIC.equals(magic)) {
                throw new IllegalArgumentException("checkpoint " + file + ": not a DNAS Lab checkpoint (header '" + magic + "')");
            }
            int format = in.readInt();
            DataInputStream body;
            if (format == FORMAT) {
                body = checkedBody(file, in);
            } else if (format == 1) {
                body = in;
            } else {
                throw new IllegalArgumentException("checkpoint " + file + ": format " + format + ", expected " + FORMAT);
            }
            byte[] header = new byte[body.readInt()];
            body.readFully(header);
            Map<String, Double> scalars = Json.MAPPER.readValue(new String(header, StandardCharsets.UTF_8),
                    new TypeReference<LinkedHashMap<String, Double>>() { });
            int n = body.readInt();
            Map<String, byte[]> stored = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = body.readUTF();
                byte[] bytes = new byte[body.readInt()];
                body.readFully(bytes);
                stored.put(name, bytes);
            }
            copyInto(file, stored, into);
            return scalars;
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no checkpoint at " + file, e);
        } catch (EOFException e) {
            throw new UncheckedIOException("checkpoint " + file + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The body of a format-2 file, after checking its length and checksum. */
    private static DataInputStream checkedBody(Path file, DataInputStream in) throws IOException {
        long length = in.readLong();
        byte[] rest = in.readAllBytes();
        if (length < 0 || rest.length < length + Long.BYTES) {
            throw new IllegalArgumentException("checkpoint " + file + " is truncated: " + Files.size(file)
                    + " bytes, its header announces a " + length + "-byte body (the write did not finish, or the file"
                    + " was cut short)");
        }
        if (rest.length > length + Long.BYTES) {
            throw new IllegalArgumentException("checkpoint " + file + " has " + (rest.length - length - Long.BYTES)
                    + " bytes after its end (the file was changed)");
        }
        CRC32 crc = new CRC32();
        crc.update(rest, 0, (int) length);
        long expected = java.nio.ByteBuffer.wrap(rest, (int) length, Long.BYTES).getLong();
        if (crc.getValue() != expected) {
            throw new IllegalArgumentException("checkpoint " + file + ": checksum mismatch (CRC-32 "
                    + Long.toHexString(crc.getValue()) + ", recorded " + Long.toHexString(expected)
                    + "): the file was changed or damaged after it was written");
        }
        return new DataInputStream(new java.io.ByteArrayInputStream(rest, 0, (int) length));
    }

    /** Decodes and checks every array first, then copies: a bad file leaves the network as it was. */
    private static void copyInto(Path file, Map<String, byte[]> stored, Map<String, NDArray> into) {
        java.util.Set<String> unexpected = new java.util.TreeSet<>(stored.keySet());
        unexpected.removeAll(into.keySet());
        java.util.Set<String> missing = new java.util.TreeSet<>(into.keySet());
        missing.removeAll(stored.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + file + " does not fit this network (was it written by a"
                    + " run with another configuration or search space?): " + (missing.isEmpty() ? ""
                    : "no array " + abbreviate(missing)) + (missing.isEmpty() || unexpected.isEmpty() ? "" : "; ")
                    + (unexpected.isEmpty() ? "" : "arrays the network does not have: " + abbreviate(unexpected)));
        }
        NDManager any = into.values().iterator().next().getManager();
        try (NDManager tmp = any.newSubManager(); AutoCloseable noGrad = Gradients.noGrad()) {
            Map<String, NDArray> decoded = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : into.entrySet()) {
                NDArray value;
                try {
                    value = NDArray.decode(tmp, stored.get(e.getKey()));
                } catch (RuntimeException bad) {
                    throw new IllegalArgumentException("checkpoint " + file + ": array '" + e.getKey()
                            + "' cannot be decoded: " + bad.getMessage(), bad);
                }
                NDArray target = e.getValue();
                if (!value.getShape().equals(target.getShape()) || value.getDataType() != target.getDataType()) {
                    throw new IllegalArgumentException("checkpoint " + file + ": array '" + e.getKey() + "' is "
                            + value.getDataType() + " " + value.getShape() + ", the network expects "
                            + target.getDataType() + " " + target.getShape());
                }
                decoded.put(e.getKey(), value);
            }
            // An indexed copy into the array's own storage; set(Buffer) would make it borrow memory that is freed below.
            decoded.forEach((name, value) -> InPlace.copy(value, into.get(name)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(java.util.Set<String> names) {
        return names.size() <= 3 ? String.join(", ", names)
                : String.join(", ", names.stream().limit(3).toList()) + " and " + (names.size() - 3) + " more";
    }
}
