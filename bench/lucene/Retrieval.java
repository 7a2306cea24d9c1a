import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene 8.7 in the retrieval benchmark (bench/retrieval.sh).
 *
 *   Retrieval PASSAGES.tsv QUESTIONS.tsv INDEX_DIR     one JSON line on stdout
 *
 * PASSAGES.tsv: id TAB text; QUESTIONS.tsv: question TAB relevant id (both
 * from bench/retrieval_data.py).  INDEX_DIR is emptied first and removed at
 * the end.
 *
 * A question is run as plain text would be by a classic QueryParser with the
 * default OR operator and no syntax: one SHOULD TermQuery per token that
 * ArabicAnalyzer keeps, repeats included.  The query is built here from the
 * analyzer's tokens rather than parsed, so that no character of a question
 * can be taken for an operator.
 */
public final class Retrieval {
    static final int TOP = 100;

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Retrieval PASSAGES.tsv QUESTIONS.tsv INDEX_DIR");
            System.exit(2);
        }
        List<String> text = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        long bytes = 0;
        try (BufferedReader r = Files.newBufferedReader(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                if (tab < 0) throw new IOException(args[0] + ": line without a tab");
                ids.add(Long.parseLong(line.substring(0, tab)));
                String t = line.substring(tab + 1);
                text.add(t);
                bytes += t.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        List<String> questions = new ArrayList<>();
        List<Long> relevant = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.lastIndexOf('\t');
                if (tab < 0) throw new IOException(args[1] + ": line without a tab");
                questions.add(line.substring(0, tab));
                relevant.add(Long.parseLong(line.substring(tab + 1)));
            }
        }

        if (text.isEmpty() || questions.isEmpty()) throw new IOException("no passages or no questions");

        Path dir = Paths.get(args[2]);
        removeTree(dir);
        Files.createDirectories(dir);

        // Default constructor: the stock stop set and light stemmer, as shipped.
        Analyzer analyzer = new ArabicAnalyzer();
        // Lucene's defaults (k1 1.2, b 0.75) unless -Dk1= and -Db= are given,
        // to compare with Marsad's parameters on equal terms.
        String k1 = System.getProperty("k1"), b = System.getProperty("b");
        BM25Similarity bm25 = k1 == null || b == null ? new BM25Similarity()
                : new BM25Similarity(Float.parseFloat(k1), Float.parseFloat(b));
        String engine = "lucene-8.7-ArabicAnalyzer-BM25"
                + (k1 == null || b == null ? "" : "(k1=" + k1 + ",b=" + b + ")");

        long t0 = System.nanoTime();
        try (Directory d = FSDirectory.open(dir)) {
            IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setSimilarity(bm25);
            try (IndexWriter w = new IndexWriter(d, cfg)) {
                Document doc = new Document();
                Field body = new TextField("text", "", Field.Store.NO);
                NumericDocValuesField id = new NumericDocValuesField("id", 0);
                doc.add(body);
                doc.add(id);
                for (int i = 0; i < text.size(); i++) {
                    body.setStringValue(text.get(i));
                    id.setLongValue(ids.get(i));
                    w.addDocument(doc);
                }
                w.commit();
            } // close waits for the merges that the commit started
            double indexSeconds = (System.nanoTime() - t0) / 1e9;

            try (DirectoryReader reader = DirectoryReader.open(d)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(bm25);
                // Merges reorder documents, so a hit's passage id comes from
                // this table, read once outside the timing like a rowid.
                long[] idOf = new long[reader.maxDoc()];
                for (LeafReaderContext leaf : reader.leaves()) {
                    NumericDocValues dv = leaf.reader().getNumericDocValues("id");
                    for (int doc; (doc = dv.nextDoc()) != NumericDocValues.NO_MORE_DOCS; )
                        idOf[leaf.docBase + doc] = dv.longValue();
                }

                int n = questions.size();
                int[] rank = new int[n];
                long[] nanos = new long[n];
                for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT and the page cache
                    for (int q = 0; q < n; q++) {
                        long s = System.nanoTime();
                        Query query = plain(analyzer, questions.get(q));
                        long[] hits = new long[0];
                        if (query != null) {
                            TopDocs top = searcher.search(query, TOP);
                            hits = new long[top.scoreDocs.length];
                            for (int h = 0; h < hits.length; h++) hits[h] = idOf[top.scoreDocs[h].doc];
                        }
                        nanos[q] = System.nanoTime() - s;
                        rank[q] = 0;
                        for (int h = 0; h < hits.length; h++) {
                            if (hits[h] == relevant.get(q)) { rank[q] = h + 1; break; }
                        }
                    }
                }

                double mrr = 0;
                int r10 = 0, r100 = 0;
                for (int q = 0; q < n; q++) {
                    if (rank[q] >= 1 && rank[q] <= 10) { mrr += 1.0 / rank[q]; r10++; }
                    if (rank[q] >= 1 && rank[q] <= 100) r100++;
                }
                Arrays.sort(nanos);
                // Locale.ROOT: a decimal comma would make the JSON invalid.
                System.out.printf(Locale.ROOT,
                    "{\"engine\":\"%s\",\"passages\":%d,\"questions\":%d,\"mb\":%.3f," +
                    "\"index_seconds\":%.3f,\"index_mb_per_s\":%.3f,\"mrr10\":%.4f,\"recall10\":%.4f," +
                    "\"recall100\":%.4f,\"p50_ms\":%.3f,\"p99_ms\":%.3f}%n",
                    engine, text.size(), n, bytes / 1e6, indexSeconds, bytes / 1e6 / indexSeconds,
                    mrr / n, (double) r10 / n, (double) r100 / n,
                    percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6);
            }
        }
        removeTree(dir);
    }

    /** The question as an OR of its analyzed terms; null when none is left. */
    static Query plain(Analyzer analyzer, String question) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int terms = 0;
        try (TokenStream ts = analyzer.tokenStream("text", new StringReader(question))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                b.add(new TermQuery(new Term("text", term.toString())), BooleanClause.Occur.SHOULD);
                terms++;
            }
            ts.end();
        }
        return terms == 0 ? null : b.build();
    }

    /** Nearest rank: the smallest value with at least p% of the sample at or below it. */
    static long percentile(long[] sorted, int p) {
        int k = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(k, 1) - 1];
    }

    static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
