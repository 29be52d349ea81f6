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

/**
 * A binary checkpoint: a JSON header of scalars (position in the run, optimizer counters, running sums) and
 * named arrays (weights, α, β, optimizer state). Written atomically; loading copies into existing arrays and
 * fails, naming the file and the array, if anything is missing or shaped differently.
 */
public final class Checkpoint {
    private static final String MAGIC = "DNASLAB-CKPT";
    private static final int FORMAT = 1;

    private Checkpoint() {
    }

    public static void save(Path file, Map<String, Double> scalars, Map<String, NDArray> arrays) {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            byte[] header = Json.MAPPER.writeValueAsBytes(scalars);
            out.writeInt(header.length);
            out.write(header);
            out.writeInt(arrays.size());
            for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                byte[] bytes = e.getValue().encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            out.flush();
        });
    }

    /** Reads the scalars and copies every array of {@code into} from the file; returns the scalars. */
    public static Map<String, Double> load(Path file, Map<String, NDArray> into) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IllegalArgumentException("checkpoint " + file + ": not a DNAS Lab checkpoint (header '" + magic + "')");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("checkpoint " + file + ": format " + format + ", expected " + FORMAT);
            }
            byte[] header = new byte[in.readInt()];
            in.readFully(header);
            Map<String, Double> scalars = Json.MAPPER.readValue(new String(header, StandardCharsets.UTF_8),
                    new TypeReference<LinkedHashMap<String, Double>>() { });
            int n = in.readInt();
            Map<String, byte[]> stored = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                stored.put(name, bytes);
            }
            for (Map.Entry<String, NDArray> e : into.entrySet()) {
                byte[] bytes = stored.get(e.getKey());
                if (bytes == null) {
                    throw new IllegalArgumentException("checkpoint " + file + ": no array '" + e.getKey()
                            + "' (was it written by a run with another configuration?)");
                }
                NDArray target = e.getValue();
                try (NDManager tmp = target.getManager().newSubManager(); AutoCloseable noGrad = Gradients.noGrad()) {
                    NDArray value = NDArray.decode(tmp, bytes);
                    if (!value.getShape().equals(target.getShape())) {
                        throw new IllegalArgumentException("checkpoint " + file + ": array '" + e.getKey() + "' has shape "
                                + value.getShape() + ", the network expects " + target.getShape());
                    }
                    InPlace.copy(value, target);
                }
            }
            return scalars;
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no checkpoint at " + file, e);
        } catch (EOFException e) {
            throw new UncheckedIOException("checkpoint " + file + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
