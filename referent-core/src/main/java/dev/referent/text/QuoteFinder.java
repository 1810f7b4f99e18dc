package dev.referent.text;

import dev.referent.doc.Quote;
import dev.referent.doc.Sentence;
import dev.referent.doc.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds quoted speech delimited by double quotes: curly pairs (“ ... ”) and straight quotes ("), which alternate
 * between opening and closing. A quote still open at a paragraph break ends there (news style repeats the opening
 * mark at the start of the next paragraph when a quotation goes on); a lone closing mark is ignored.
 */
public final class QuoteFinder {

    public List<Quote> find(String text, List<Token> tokens, List<Sentence> sentences) {
        List<Quote> quotes = new ArrayList<>();
        int openToken = -1;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).text();
            boolean mark = t.equals("\"") || t.equals("“") || t.equals("”") || t.equals("``") || t.equals("''");
            if (mark) {
                boolean opening;
                if (t.equals("“") || t.equals("``")) {
                    opening = true;
                } else if (t.equals("”") || t.equals("''")) {
                    opening = false;
                } else {
                    opening = openToken < 0;
                }
                if (opening) {
                    if (openToken >= 0 && !t.equals("\"")) {
                        // a second opening mark before any closing one: the earlier quote ends before it
                        quotes.add(quote(tokens, openToken, i, false));
                    }
                    openToken = i;
                } else if (openToken >= 0) {
                    quotes.add(quote(tokens, openToken, i + 1, true));
                    openToken = -1;
                }
            }
            if (openToken >= 0 && i + 1 < tokens.size() && SentenceSplitter.paragraphBreak(text, tokens, i)) {
                quotes.add(quote(tokens, openToken, i + 1, false));
                openToken = -1;
            }
        }
        if (openToken >= 0) {
            quotes.add(quote(tokens, openToken, tokens.size(), false));
        }
        return quotes;
    }

    private static Quote quote(List<Token> tokens, int from, int to, boolean closed) {
        return new Quote(tokens.get(from).start(), tokens.get(to - 1).end(), from, to, closed);
    }
}
