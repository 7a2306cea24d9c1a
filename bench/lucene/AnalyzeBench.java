import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Throughput of Lucene's stock ArabicAnalyzer, as a reference point for
 * Marsad's C tokenizer.
 *
 *   AnalyzeBench INPUT [--passes N]      one JSON line on stdout
 *   AnalyzeBench INPUT --dump-tokens N   term TAB start TAB end, first N docs
 *
 * INPUT holds UTF-8 documents separated by one NUL byte; a NUL at the very
 * end terminates the last document instead of starting an empty one.
 */
public final class AnalyzeBench {
    /* Results are folded in here so the JIT cannot prove the token loop dead. */
    static volatile long sink;

    public static void main(String[] args) throws IOException {
        String input = null;
        int passes = 3, dump = -1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--passes": passes = Integer.parseInt(args[++i]); break;
                    case "--dump-tokens": dump = Integer.parseInt(args[++i]); break;
                    default:
                        if (args[i].startsWith("--") || input != null) throw new IllegalArgumentException(args[i]);
                        input = args[i];
                }
            }
            if (input == null || passes < 1) throw new IllegalArgumentException("missing INPUT or bad --passes");
        } catch (RuntimeException e) { // bad number, missing option value, unknown option
            System.err.println("usage: AnalyzeBench INPUT [--passes N] [--dump-tokens N]  (" + e.getMessage() + ")");
            System.exit(2);
        }

        byte[] raw = Files.readAllBytes(Paths.get(input));
        List<String> list = new ArrayList<>();
        long bytes = 0;
        for (int start = 0, i = 0; i <= raw.length; i++) {
            if (i == raw.length ? i > start : raw[i] == 0) {
                list.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                bytes += i - start;
                start = i + 1;
            }
        }
        String[] docs = list.toArray(new String[0]);
        raw = null; // only the decoded documents need to stay live during timing

        // Default constructor on purpose: stock stop set and light stemmer, as shipped.
        // A single instance lets Lucene reuse the per-thread token stream chain.
        Analyzer analyzer = new ArabicAnalyzer();

        if (dump >= 0) {
            dumpTokens(analyzer, docs, Math.min(dump, docs.length));
            return;
        }

        long tokens = analyze(analyzer, docs); // warm-up: let the JIT compile the hot path
        long best = Long.MAX_VALUE;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            long n = analyze(analyzer, docs);
            long dt = System.nanoTime() - t0;
            if (n != tokens) throw new IllegalStateException("token count changed between passes");
            best = Math.min(best, dt);
            System.err.printf(Locale.ROOT, "pass %d: %.3f s%n", p + 1, dt / 1e9);
        }
        double seconds = best / 1e9;
        // Locale.ROOT: a decimal comma would make the JSON invalid.
        System.out.printf(Locale.ROOT,
            "{\"engine\":\"lucene-8.7-ArabicAnalyzer\",\"bytes\":%d,\"docs\":%d,\"tokens\":%d,\"seconds\":%.6f,\"mb_per_s\":%.3f}%n",
            bytes, docs.length, tokens, seconds, bytes / 1e6 / seconds);
    }

    /** One full pass; returns the token count. */
    static long analyze(Analyzer analyzer, String[] docs) throws IOException {
        long tokens = 0, acc = 0;
        for (String doc : docs) {
            try (TokenStream ts = analyzer.tokenStream("f", new StringReader(doc))) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    tokens++;
                    acc += term.length() + off.endOffset();
                }
                ts.end();
            }
        }
        sink += acc;
        return tokens;
    }

    static void dumpTokens(Analyzer analyzer, String[] docs, int n) throws IOException {
        // Explicit UTF-8: the platform default may be ASCII under LANG=C.
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        for (int d = 0; d < n; d++) {
            try (TokenStream ts = analyzer.tokenStream("f", new StringReader(docs[d]))) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    out.append(term).append('\t').append(Integer.toString(off.startOffset()))
                       .append('\t').append(Integer.toString(off.endOffset())).append('\n');
                }
                ts.end();
            }
        }
        out.flush();
    }
}
