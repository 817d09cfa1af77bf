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

    /** "{@code model} takes caption text, not umT5 embeddings files (p.safetensors)": a prompt of another kind. */
    public String refusal(String model, Prompt prompt) {
        return model + " takes " + description + ", not " + prompt.kind().description + " (" + prompt.describe() + ")";
    }
}
