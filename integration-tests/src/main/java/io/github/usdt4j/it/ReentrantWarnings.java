package io.github.usdt4j.it;

import io.github.usdt4j.Providers;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A logging handler that fires probes, the way an application that traces its own logging
 * would: every usdt4j warning fires a probe of both providers. Two threads load the two
 * providers at once, so each one's warning fires the other's provider while it may still be
 * loading. Run it where libraries cannot load (an unusable {@code usdt4j.dir}) so every
 * provider warns. Prints {@code warnings N}, then {@code done} with nothing thrown, or
 * {@code thrown X}.
 */
public final class ReentrantWarnings {
    private static final AtomicInteger WARNINGS = new AtomicInteger();

    private ReentrantWarnings() {}

    public static void main(String[] args) throws Exception {
        Logger usdt4j = Logger.getLogger("io.github.usdt4j");
        usdt4j.setUseParentHandlers(false);
        usdt4j.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                WARNINGS.incrementAndGet();
                Providers.get(Conformance.class).done(1);
                Providers.get(Services.Probes.class).tick(1, "handler");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        CountDownLatch start = new CountDownLatch(1);
        Throwable[] thrown = new Throwable[2];
        Thread conformance = new Thread(() -> {
            try {
                start.await();
                Providers.get(Conformance.class).done(2);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        Thread services = new Thread(() -> {
            try {
                start.await();
                Providers.get(Services.Probes.class).tick(2, "thread");
            } catch (Throwable t) {
                thrown[1] = t;
            }
        });
        conformance.start();
        services.start();
        start.countDown();
        conformance.join();
        services.join();
        System.out.println("warnings " + WARNINGS.get());
        for (Throwable t : thrown) {
            if (t != null) {
                System.out.println("thrown " + t);
                return;
            }
        }
        System.out.println("done");
    }
}
