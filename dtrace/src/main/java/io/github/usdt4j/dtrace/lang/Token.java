package io.github.usdt4j.dtrace.lang;

/** One token of a D program. */
record Token(Kind kind, String text, long number, int line) {
    enum Kind {
        IDENTIFIER, INTEGER, STRING, AGGREGATION, MACRO, PUNCT, END
    }

    boolean is(String punctuation) {
        return kind == Kind.PUNCT && text.equals(punctuation);
    }

    boolean isWord(String word) {
        return kind == Kind.IDENTIFIER && text.equals(word);
    }

    @Override
    public String toString() {
        return kind == Kind.END ? "end of input" : "\"" + text + "\"";
    }
}
