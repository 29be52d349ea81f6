package org.dnaslab.ops;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No library class calls an {@code NDArray} operator that takes a Java {@code Number} ({@code x.mul(2f)},
 * {@code x.div(n)}, …): DJL makes that number a tensor borrowing Java memory which autograd can read after it was
 * freed (see {@link Scalars}). Read from the compiled classes' constant pools, so no call form escapes.
 */
class NoBorrowedScalarsTest {
    private static final Set<String> OWNERS = Set.of("ai/djl/ndarray/NDArray", "ai/djl/pytorch/engine/PtNDArray",
            "ai/djl/ndarray/NDArrayAdapter");
    private static final Set<String> OPERATORS = Set.of("add", "sub", "mul", "div", "pow", "maximum", "minimum", "mod",
            "addi", "subi", "muli", "divi", "powi", "modi", "eq", "neq", "gt", "gte", "lt", "lte", "rsub", "rdiv",
            "rsubi", "rdivi", "rpow", "rpowi", "rmod", "rmodi");

    @Test
    void noLibraryClassCallsANumberOverloadOfNDArray() throws IOException, URISyntaxException {
        Path classes = Path.of(Scalars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                scanned++;
                try (InputStream in = Files.newInputStream(f)) {
                    for (String call : numberOverloadCalls(in)) {
                        offenders.add(classes.relativize(f) + " calls " + call);
                    }
                }
            }
        }
        assertTrue(scanned > 100, "scanned the library's classes in " + classes + ", found " + scanned);
        assertEquals(List.of(), offenders, "use org.dnaslab.ops.Scalars instead");
    }

    @Test
    void theScanFindsANumberOverloadCall() throws IOException {
        // this test class itself calls one, so the scan is known to see such calls
        try (InputStream in = NoBorrowedScalarsTest.class.getResourceAsStream("NoBorrowedScalarsTest.class")) {
            assertEquals(List.of("ai/djl/ndarray/NDArray.mul(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;"),
                    numberOverloadCalls(in));
        }
    }

    @SuppressWarnings("unused")
    private static ai.djl.ndarray.NDArray example(ai.djl.ndarray.NDArray x) {
        return x.mul(2f);
    }

    /** The method references of a class file that name an NDArray operator with a Number parameter. */
    static List<String> numberOverloadCalls(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[][] refs = new int[count][];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots
                }
                case 7, 8, 16, 19, 20 -> refs[i] = new int[] {in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    refs[i] = new int[] {in.readUnsignedShort()};
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> calls = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] != 10 && tags[i] != 11) {
                continue;
            }
            String owner = utf8[refs[refs[i][0]][0]];
            int[] nameAndType = refs[refs[i][1]];
            String name = utf8[nameAndType[0]];
            String descriptor = utf8[nameAndType[1]];
            String params = descriptor.substring(0, descriptor.indexOf(')') + 1);
            if (OWNERS.contains(owner) && OPERATORS.contains(name) && params.contains("Ljava/lang/Number;")) {
                calls.add(owner + "." + name + descriptor);
            }
        }
        return calls;
    }
}
