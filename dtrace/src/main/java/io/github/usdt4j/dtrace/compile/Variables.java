package io.github.usdt4j.dtrace.compile;

import io.github.usdt4j.dtrace.lang.Ast.Scope;
import io.github.usdt4j.dtrace.lang.Ast.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The D program's variables: the type each holds (from its first assignment), the key types
 * of associative arrays, and the names they take in bpftrace.
 */
final class Variables {
    /** By {@link #key}: {@code SELF:depth}, {@code GLOBAL:x}. */
    final Map<String, DType> types = new HashMap<>();
    final Map<String, List<DType>> arrayKeys = new HashMap<>();
    /**
     * By {@link #key}: the globals and thread-locals some statement stores a value in (anything
     * but the constant 0, which frees one). One nothing stores in always reads 0, and bpftrace
     * refuses a program that reads or frees a map nothing assigns ("Undefined map").
     */
    final Set<String> stored = new java.util.HashSet<>();
    /**
     * By {@link #key}: clause-locals assigned {@code stringof(copyin(a, n))}, kept as the buffer
     * (so that {@code this->s[n] = '\0'} cuts it, as the classic Java scripts do) and read as
     * the string wherever they are used.
     */
    final Set<String> stringBuffers = new java.util.HashSet<>();
    /** Maps the program keeps for itself (globals, thread-locals), cleared at END so bpftrace does not print them. */
    final Set<String> internalMaps = new LinkedHashSet<>();

    static String key(Scope scope, String name) {
        return scope + ":" + name;
    }

    /** Whether {@code var} is a global or thread-local that nothing stores in: it only ever reads 0. */
    boolean neverStored(Var var) {
        return var.scope() != Scope.THIS && !stored.contains(key(var.scope(), var.name()));
    }

    /** The variable that holds field {@code i} of a clause-local of several fields. */
    static String piece(String variable, int i) {
        return i == 0 ? variable : variable + "_" + i;
    }

    /** Globals are {@code @NAME}, thread-locals {@code @self_NAME[tid]}, clause-locals {@code $this_NAME}. */
    String name(Var var, List<String> keys, Context context) {
        switch (var.scope()) {
            case SELF: {
                String map = "@self_" + var.name();
                internalMaps.add(map);
                List<String> all = new ArrayList<>(List.of("tid"));
                all.addAll(keys);
                return map + "[" + String.join(", ", all) + "]";
            }
            case THIS:
                if (context.thisVariables != null) {
                    context.thisVariables.add(var.name());
                }
                return "$this_" + var.name();
            default: {
                String map = "@g_" + var.name();
                internalMaps.add(map);
                return keys.isEmpty() ? map : map + "[" + String.join(", ", keys) + "]";
            }
        }
    }
}
