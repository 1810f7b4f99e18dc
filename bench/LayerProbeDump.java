// The layer probe of docs/BENCHMARKS.md, part 1: writes, for the first DOCS OntoGUM documents of SPLIT, each word's
// gold XPOS tag, its text and its vector from each of the 13 layer outputs of bge-small (mean of its pieces, first
// 510 pieces only).
// Run with the training module's classpath:
//   java -cp "$(cat referent-train/target/classpath.txt):referent-train/target/classes:..." bench/LayerProbeDump.java \
//     /bge-small-en-v1.5.onnx /bge-small-en-v1.5-tokenizer.json train 50 /tmp/tr.bin [DATA_DIR]
// then bench/layer-probe.py /tmp/tr.bin /tmp/dv.bin
import dev.referent.model.OnnxGraph;
import dev.referent.doc.*;
import dev.referent.eval.io.*;
import ai.onnxruntime.*;
import ai.djl.huggingface.tokenizers.*;
import java.util.*;
import java.io.*;
import java.nio.*;
import java.nio.file.*;
public class LayerProbeDump { public static void main(String[] a) throws Exception {
  String onnx = a[0], tok = a[1], split = a[2]; int maxDocs = Integer.parseInt(a[3]); String out = a[4];
  byte[] b = LayerProbeDump.class.getResourceAsStream(onnx).readAllBytes();
  List<String> layers = OnnxGraph.layerOutputs(b);
  byte[] m = OnnxGraph.withOutputs(b, layers.subList(0, layers.size()-1));
  OrtEnvironment env = OrtEnvironment.getEnvironment();
  OrtSession s = env.createSession(m, new OrtSession.SessionOptions());
  Map<String,String> o = new HashMap<>(); o.put("truncation","false"); o.put("padding","false"); o.put("addSpecialTokens","false"); o.put("modelMaxLength","1000000");
  HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(LayerProbeDump.class.getResourceAsStream(tok), o);
  Path data = Path.of(a.length > 5 ? a[5] : "../shared/data");
  DataOutputStream os = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(out)));
  int docs = 0;
  for (String name : DataPaths.ontogumSplit(data, split)) {
    if (docs++ >= maxDocs) break;
    for (Document d : new ConlluReader().read(DataPaths.ontogumConllu(data, name))) {
      String[] words = d.tokens().stream().map(Token::text).toArray(String[]::new);
      Encoding enc = t.encode(words, false, false);
      long[] ids = enc.getIds(); long[] wid = enc.getWordIds();
      int P = Math.min(510, ids.length);
      long[] in = new long[P+2]; in[0]=101; System.arraycopy(ids,0,in,1,P); in[P+1]=102;
      long[] shape = {1, P+2};
      Map<String,OnnxTensor> inputs = new HashMap<>();
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(in), shape));
      long[] mask = new long[P+2]; Arrays.fill(mask,1);
      inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[P+2]), shape));
      int nw = P < ids.length ? (int) wid[P] : words.length; // words fully inside
      try (OrtSession.Result res = s.run(inputs)) {
        float[][] L = new float[13][];
        L[12] = ((OnnxTensor)res.get(0)).getFloatBuffer().array();
        for (int l = 0; l < 12; l++) L[l] = ((OnnxTensor)res.get(l+1)).getFloatBuffer().array();
        os.writeInt(nw);
        for (int w = 0; w < nw; w++) {
          os.writeUTF(d.token(w).xpos() == null ? "_" : d.token(w).xpos());
          os.writeUTF(words[w]);
        }
        ByteBuffer bb = ByteBuffer.allocate(nw*13*384*4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w = 0; w < nw; w++) for (int l = 0; l < 13; l++) {
          float[] v = new float[384]; int c = 0;
          for (int p = 0; p < P; p++) if (wid[p] == w) { c++; for (int h=0;h<384;h++) v[h]+=L[l][(p+1)*384+h]; }
          for (int h=0;h<384;h++) bb.putFloat(c==0?0:v[h]/c);
        }
        os.write(bb.array());
      }
    }
  }
  os.writeInt(-1); os.close();
}}
