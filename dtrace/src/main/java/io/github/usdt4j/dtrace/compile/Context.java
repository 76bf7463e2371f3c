package io.github.usdt4j.dtrace.compile;

import io.github.usdt4j.dtrace.probes.ProbeSite;
import java.util.List;
import java.util.Set;

/** What code generation knows about where it is: the probes of the block, and its clause. */
final class Context {
    /** For inferring types: no probe, no clause, nowhere to put statements. */
    static final Context TYPES = new Context(List.of(), null);
    final List<ProbeSite> probes;
    final Set<String> thisVariables;
    /** Statements an expression needs run before the statement that holds it (strlen's loop). */
    final StringBuilder prelude = new StringBuilder();
    int loops;

    Context(List<ProbeSite> probes, Set<String> thisVariables) {
        this.probes = probes;
        this.thisVariables = thisVariables;
    }

    /** The statements gathered since the last call, to put before the statement being generated. */
    String takePrelude() {
        String statements = prelude.toString();
        prelude.setLength(0);
        loops = 0;
        return statements;
    }

    ProbeSite probe() {
        return probes.isEmpty() ? null : probes.get(0);
    }
}
