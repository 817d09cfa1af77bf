package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.TestData;
import studio.timestep.io.FileFormatException;

/** The tokenizer as WanPipeline uses it, on a word-level tokenizer.json made for the tests (ids: a 3, red 4, ball 5; </s> 1). */
class WanTokenizerTest {
    static final Path TOKENIZER = TestData.path("wan-pipeline/tokenizer/tokenizer.json");

    @Test
    void promptsAreCleanedClosedWithEosAndTruncatedTo512() throws Exception {
        try (WanTokenizer t = WanTokenizer.open(TOKENIZER)) {
            assertArrayEquals(new long[] {3, 4, 5, 1}, t.ids("  a\tRed \n  ball "));
            assertArrayEquals(new long[] {3, 2, 1}, t.ids("a unicorn"), "an unknown word is <unk>");
            assertArrayEquals(new long[] {4, 2, 5, 1}, t.ids("red &amp;amp; ball"), "'&amp;amp;' is unescaped twice to '&'");
            long[] ids = t.ids("red ".repeat(600));
            assertEquals(512, ids.length);
            assertEquals(1, ids[511], "truncation keeps the closing token");
        }
        assertEquals("a <b> & c", WanTokenizer.clean(" a  &amp;lt;b&amp;gt;\n&amp; c "));
    }

    @Test
    void aFileThatIsNotATokenizerIsOneSentenceNamingIt(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 3}");
        FileFormatException e = assertThrows(FileFormatException.class, () -> WanTokenizer.open(bad));
        assertTrue(e.getMessage().startsWith("tokenizer.json: cannot be read as a HuggingFace tokenizer ("), e.getMessage());
        e = assertThrows(FileFormatException.class, () -> WanTokenizer.open(dir.resolve("missing.json")));
        assertTrue(e.getMessage().startsWith("missing.json: does not exist"), e.getMessage());
    }
}
