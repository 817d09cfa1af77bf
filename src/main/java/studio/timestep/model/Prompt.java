package studio.timestep.model;

import java.nio.file.Path;

/**
 * A prompt in the form a model conditions on: caption text for the embedded clip model, a file of
 * umT5 embeddings for Wan ({@link VelocityModel#promptKind()} says which a model takes).
 */
public sealed interface Prompt {
    /** The empty text: the unconditional branch of the tiny and exact clip models. */
    Prompt NONE = new Text("");

    PromptKind kind();

    /** How the prompt reads in a label or a message. */
    String describe();

    /** Caption words: the tiny model's vocabulary, or words the exact clip model matches against its clips' captions. */
    record Text(String text) implements Prompt {
        public Text {
            text = text == null ? "" : text;
        }

        @Override
        public PromptKind kind() {
            return PromptKind.TEXT;
        }

        @Override
        public String describe() {
            return text.isEmpty() ? "(empty)" : '"' + text + '"';
        }
    }

    /** A safetensors file holding one prompt's umT5 embeddings [L, text_dim]. */
    record Embeddings(Path file) implements Prompt {
        @Override
        public PromptKind kind() {
            return PromptKind.EMBEDDINGS;
        }

        @Override
        public String describe() {
            return String.valueOf(file.getFileName());
        }
    }
}
