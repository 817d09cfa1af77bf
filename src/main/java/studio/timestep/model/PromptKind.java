package studio.timestep.model;

/** The conditioning a model takes. */
public enum PromptKind {
    TEXT("caption text"),
    EMBEDDINGS("umT5 embeddings files (.safetensors)");

    private final String description;

    PromptKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
