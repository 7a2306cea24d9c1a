import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Reads words, one per line, from stdin and prints "word TAB analyzed", where
 * analyzed is the space-joined output of the stock ArabicAnalyzer (empty for
 * stop words). Exactly one output line per input line, so the result can be
 * pasted or joined against another stemmer's output.
 */
public final class StemWords {
    public static void main(String[] args) throws IOException {
        Analyzer analyzer = new ArabicAnalyzer();
        // Explicit UTF-8 both ways: the platform default may be ASCII under LANG=C.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        for (String word; (word = in.readLine()) != null; ) {
            out.append(word).append('\t');
            try (TokenStream ts = analyzer.tokenStream("f", new StringReader(word))) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                for (boolean first = true; ts.incrementToken(); first = false) {
                    if (!first) out.append(' ');
                    out.append(term);
                }
                ts.end();
            }
            out.append('\n');
        }
        out.flush();
    }
}
