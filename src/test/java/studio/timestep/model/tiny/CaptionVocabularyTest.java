package studio.timestep.model.tiny;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.io.FileFormatException;
import studio.timestep.model.Prompt;

class CaptionVocabularyTest {
    static final CaptionVocabulary V = CaptionVocabulary.of(List.of("red ball moving right", "blue ring moving up bouncing"));

    @Test
    void captionsBecomeSortedWordIdsWithRoomForTheLongest() {
        assertEquals(List.of("ball", "blue", "bouncing", "moving", "red", "right", "ring", "up"), V.words());
        assertEquals(5, V.maxTokens());
        assertArrayEquals(new int[] {4, 0}, V.ids("Red, BALL"));
        assertArrayEquals(new int[0], V.ids(""));
    }

    @Test
    void anUnknownWordOrTooManyWordsIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> V.ids("red dog"));
        assertTrue(e.getMessage().contains("'dog'") && e.getMessage().contains("ball, blue"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> V.ids("red red red red red red"));
        assertTrue(e.getMessage().contains("6 words") && e.getMessage().contains("at most 5"), e.getMessage());
    }

    @Test
    void theEncoderGivesWordRowsThenZeroPaddingAndRoundTrips(@TempDir Path dir) throws Exception {
        INDArray table = Nd4j.arange(0, 8 * 3).castTo(DataType.FLOAT).reshape(8, 3);
        CaptionEncoder encoder = new CaptionEncoder(V, table);
        encoder.write(dir);
        CaptionEncoder read = CaptionEncoder.read(dir);
        assertEquals(V, read.vocabulary());
        INDArray rows = read.embeddings(new Prompt.Text("up red"), 3);
        assertEquals(List.of(5, 3), List.of((int) rows.size(0), (int) rows.size(1)));
        assertEquals(table.getRow(7), rows.getRow(0));
        assertEquals(table.getRow(4), rows.getRow(1));
        assertEquals(0.0, rows.getRow(2).amaxNumber().doubleValue());
        assertEquals(0.0, read.embeddings(Prompt.NONE, 3).amaxNumber().doubleValue(), "the empty caption is all padding");
    }

    @Test
    void aMalformedVocabularyIsRefusedWithItsPlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(CaptionVocabulary.FILE);
        Files.writeString(file, "{\"max_tokens\": 4, \"words\": [\"red\", \"Red ball\"]}");
        FileFormatException e = assertThrows(FileFormatException.class, () -> CaptionVocabulary.read(file));
        assertTrue(e.getMessage().contains("words[1]"), e.getMessage());
        Files.writeString(file, "{\"max_tokens\": 0, \"words\": [\"red\"]}");
        e = assertThrows(FileFormatException.class, () -> CaptionVocabulary.read(file));
        assertTrue(e.getMessage().contains("max_tokens"), e.getMessage());
    }
}
