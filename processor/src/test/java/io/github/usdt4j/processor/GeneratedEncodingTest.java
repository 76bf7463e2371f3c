package io.github.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated files are UTF-8 whatever javac's source encoding is: a build with
 * {@code -encoding ISO-8859-1} (or JDK 17 under {@code LANG=C}, whose default is ASCII) wrote
 * an interface named {@code Überwachung} into the catalogue as 0xDC or as '?'.
 */
class GeneratedEncodingTest {
    @Test
    void resourcesAreUtf8WhateverTheSourceEncoding(@TempDir Path temp) throws Exception {
        Path source = temp.resolve("src/com/example/\u00dcberwachung.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, String.join("\n",
                "package com.example;",
                "import io.github.usdt4j.Probe;",
                "import io.github.usdt4j.Provider;",
                "@Provider(\"watch\")",
                "public interface \\u00dcberwachung {", // an escape: the source itself is ASCII
                "    @Probe(\"seen\") void seen(int count);",
                "}", ""), StandardCharsets.US_ASCII);
        Path classes = Files.createDirectories(temp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.ISO_8859_1)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(source);
            JavaCompiler.CompilationTask task = javac.getTask(null, files, null,
                    List.of("-encoding", "ISO-8859-1", "-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                            "-Ausdt4j.linkCheck=false"), null, units);
            task.setProcessors(List.of(new ProviderProcessor()));
            assertTrue(task.call(), "the provider compiles");
        }
        try (var found = Files.walk(classes)) {
            Path catalogue = found.filter(p -> p.toString().endsWith(io.github.usdt4j.catalogue.GeneratedLayout.CATALOGUE_SUFFIX)).findFirst().orElseThrow();
            String text = new String(Files.readAllBytes(catalogue), StandardCharsets.UTF_8);
            assertTrue(text.contains("interface\tcom.example.\u00dcberwachung\n"), text);
            assertEquals(-1, text.indexOf('\ufffd'), text);
        }
    }
}
