package studio.timestep.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of one diffusers model folder: {@code diffusion_pytorch_model[.VARIANT].safetensors},
 * or the shards its {@code diffusion_pytorch_model.safetensors.index[.VARIANT].json} lists. Every
 * shard's header is checked when the checkpoint opens; a tensor is then looked up by name across
 * the shards, and a missing one is named with the files searched.
 */
public final class SafetensorsCheckpoint {
    public static final String BASE_NAME = "diffusion_pytorch_model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> byTensor;

    private SafetensorsCheckpoint(List<SafetensorsFile> files, Map<String, SafetensorsFile> byTensor) {
        this.files = files;
        this.byTensor = byTensor;
    }

    /** Opens the folder's checkpoint; {@code variant} is null or a diffusers variant such as "bf16". */
    public static SafetensorsCheckpoint open(Path folder, String variant) throws FileFormatException {
        return open(folder, BASE_NAME, variant);
    }

    /**
     * The same for weights named {@code baseName}: {@code diffusion_pytorch_model} in a diffusers
     * model folder, {@code model} in a transformers one (the pipeline's {@code text_encoder/}).
     */
    public static SafetensorsCheckpoint open(Path folder, String baseName, String variant) throws FileFormatException {
        String suffix = variant == null || variant.isBlank() ? "" : "." + variant;
        Path single = folder.resolve(baseName + suffix + ".safetensors");
        Path index = folder.resolve(baseName + ".safetensors.index" + suffix + ".json");
        if (Files.isRegularFile(single)) {
            return of(List.of(SafetensorsFile.open(single)));
        }
        if (Files.isRegularFile(index)) {
            return sharded(index);
        }
        throw new FileFormatException(folder, "", "has neither " + single.getFileName() + " nor " + index.getFileName());
    }

    /** Several files whose tensors together make the checkpoint (no name may appear twice). */
    public static SafetensorsCheckpoint of(List<SafetensorsFile> files) throws FileFormatException {
        Map<String, SafetensorsFile> byTensor = new TreeMap<>();
        for (SafetensorsFile f : files) {
            for (String name : f.tensors().keySet()) {
                SafetensorsFile before = byTensor.put(name, f);
                if (before != null) {
                    throw new FileFormatException(f.file(), "tensor '" + name + "'", "is also in "
                            + before.file().getFileName());
                }
            }
        }
        return new SafetensorsCheckpoint(List.copyOf(files), Collections.unmodifiableMap(byTensor));
    }

    /** An index of a real 14B checkpoint is about 100 KB. */
    static final long MAX_INDEX_BYTES = 16L << 20;

    private static SafetensorsCheckpoint sharded(Path index) throws FileFormatException {
        JsonNode map;
        try {
            map = StrictJson.parse(index, StrictJson.readText(index, MAX_INDEX_BYTES)).path("weight_map");
        } catch (IOException e) {
            throw new FileFormatException(index, "", "cannot be read (" + e.getMessage() + ")");
        }
        if (!map.isObject() || map.isEmpty()) {
            throw new FileFormatException(index, "", "has no weight_map");
        }
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new FileFormatException(index, "weight_map '" + e.getKey() + "'", "expected a shard file name, got "
                        + JsonFields.describe(e.getValue()));
            }
            String shardName = e.getValue().asText();
            Path shard;
            try {
                shard = index.resolveSibling(shardName);
            } catch (InvalidPathException bad) {
                throw new FileFormatException(index, "weight_map '" + e.getKey() + "'", "names '"
                        + shardName.replace("\0", "\\0") + "', which is not a usable file name");
            }
            if (!shard.normalize().startsWith(index.getParent().normalize())) {
                throw new FileFormatException(index, "weight_map '" + e.getKey() + "'", "points outside the folder");
            }
            if (!shards.containsKey(shardName)) {
                if (!Files.isRegularFile(shard)) {
                    throw new FileFormatException(index, "weight_map '" + e.getKey() + "'", "names shard " + shardName
                            + ", which does not exist");
                }
                shards.put(shardName, SafetensorsFile.open(shard));
            }
            if (!shards.get(shardName).tensors().containsKey(e.getKey())) {
                throw new FileFormatException(shard, "", "has no tensor '" + e.getKey() + "' although "
                        + index.getFileName() + " says it does");
            }
        }
        return of(new ArrayList<>(shards.values()));
    }

    public List<SafetensorsFile> files() {
        return files;
    }

    public Map<String, SafetensorsFile> tensorFiles() {
        return byTensor;
    }

    public boolean has(String name) {
        return byTensor.containsKey(name);
    }

    public SafetensorsFile.TensorInfo info(String name) throws FileFormatException {
        return fileOf(name).info(name);
    }

    public INDArray array(String name) throws FileFormatException {
        return fileOf(name).array(name);
    }

    /** The tensor read into {@code target} (see {@link SafetensorsFile#arrayInto}). */
    public INDArray arrayInto(String name, INDArray target) throws FileFormatException {
        return fileOf(name).arrayInto(name, target);
    }

    /** Rows of a 2-D tensor, read alone (an embedding table need not be in memory). */
    public INDArray rows(String name, long[] rows) throws FileFormatException {
        return fileOf(name).rows(name, rows);
    }

    private SafetensorsFile fileOf(String name) throws FileFormatException {
        SafetensorsFile f = byTensor.get(name);
        if (f == null) {
            throw new FileFormatException(files.get(0).file().getParent(), "", "tensor '" + name + "' is in none of "
                    + files.stream().map(x -> x.file().getFileName().toString()).toList());
        }
        return f;
    }
}
