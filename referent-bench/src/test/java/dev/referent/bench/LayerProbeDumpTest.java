package dev.referent.bench;

import dev.referent.doc.Document;
import dev.referent.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer probe's dump: every word with its tag, text and one vector per encoder layer, in the format the script reads. */
class LayerProbeDumpTest {

    @Test
    void writesEveryWordWithOneVectorPerLayer() throws Exception {
        Document doc = new TextAnalyzer().analyze("d", "The senator met the minister. She said he agreed.");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            LayerProbeDump.dump("/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json", List.of(doc, doc), out);
        }
        int layers = 7; // MiniLM-L6: the embeddings and six transformer layers
        int hidden = 384;
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (int d = 0; d < 2; d++) {
            int n = in.readInt();
            assertEquals(doc.size(), n);
            for (int w = 0; w < n; w++) {
                assertEquals("_", in.readUTF()); // no gold tags in analysed text
                assertEquals(doc.token(w).text(), in.readUTF());
            }
            byte[] raw = new byte[n * layers * hidden * 4];
            in.readFully(raw);
            ByteBuffer values = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float first = values.getFloat(0);
            float lastLayerFirst = values.getFloat((layers - 1) * hidden * 4);
            assertTrue(Float.isFinite(first) && Float.isFinite(lastLayerFirst) && first != lastLayerFirst,
                    "the layers of a word should differ: " + first + ", " + lastLayerFirst);
        }
        assertEquals(-1, in.readInt());
        assertEquals(-1, in.read());
    }
}
