package example.shop;

import io.github.usdt4j.spi.ProbeArguments;
import io.github.usdt4j.spi.ProbeSemaphore;
import io.github.usdt4j.spi.ProbeSemaphores;
import io.github.usdt4j.spi.ProviderLoader;
import java.nio.ByteBuffer;
import javax.annotation.processing.Generated;

/**
 * The probes of provider {@code inventory}, declared by {@link Shop.Inventory}.
 *
 * <p>A probe reads its semaphore, which the kernel raises while a tracer is attached,
 * and calls native code only then; until then it costs about an empty call.
 */
@Generated("io.github.usdt4j.processor.ProviderProcessor")
public final class Usdt4j_Shop_Inventory extends ProviderLoader.Natives implements Shop.Inventory {
    private static final String BUILD_ID = "5c4454b05b0ead0e";

    private static final ProbeSemaphores SEMAPHORES = ProviderLoader.load(
            Usdt4j_Shop_Inventory.class, "inventory", BUILD_ID, new Usdt4j_Shop_Inventory(), 3);

    /**
     * {@code probe item__added(char *sku, int quantity, size_t bytes, struct item *item);}
     */
    private static final ProbeSemaphore ITEM_ADDED_SEMAPHORE = SEMAPHORES.get(0);

    /**
     * {@code probe cache__lookup(char *outcome, char *key, int hot, int8_t shard, short slot, uint16_t grade, int64_t nanos);}
     */
    private static final ProbeSemaphore CACHE_LOOKUP_SEMAPHORE = SEMAPHORES.get(1);

    /**
     * {@code probe note(char *text, uint32_t flags, char *self_);}
     */
    private static final ProbeSemaphore NOTE_SEMAPHORE = SEMAPHORES.get(2);

    static {
        // Providers.get creates this class reflectively; in a named module that needs
        // the package exported to the runtime, which only this module may grant.
        Usdt4j_Shop_Inventory.class.getModule().addExports("example.shop", ProviderLoader.class.getModule());
    }

    public Usdt4j_Shop_Inventory() {
    }

    @Override
    public void itemAdded(String sku, int quantity, long bytes, long item) {
        if (ITEM_ADDED_SEMAPHORE.isEnabled()) {
            fire_item__added(sku, ProbeArguments.length(sku), quantity, bytes, item);
        }
    }

    @Override
    public void cacheLookup(Shop.Outcome outcome, Object key, boolean hot, byte shard, short slot,
            char grade, long nanos) {
        if (CACHE_LOOKUP_SEMAPHORE.isEnabled()) {
            String outcome$text = ProbeArguments.name(outcome);
            String key$text = ProbeArguments.text(key);
            fire_cache__lookup(outcome$text, ProbeArguments.length(outcome$text), key$text,
                    ProbeArguments.length(key$text), hot, shard, slot, grade, nanos);
        }
    }

    @Override
    public void note(String text, int flags, String self) {
        if (NOTE_SEMAPHORE.isEnabled()) {
            fire_note(text, ProbeArguments.length(text), flags, self, ProbeArguments.length(self));
        }
    }

    @Override
    public boolean itemAddedEnabled() {
        return ITEM_ADDED_SEMAPHORE.isEnabled();
    }

    /**
     * {@code System.load} is called from this class: the library then belongs to the
     * loader that resolves the native methods, wherever the runtime is.
     */
    @Override
    protected void usdt4j$load(String path) {
        System.load(path);
    }

    @Override
    protected String usdt4j$libraryBuildId() {
        return usdt4j$buildId();
    }

    @Override
    protected ByteBuffer usdt4j$librarySemaphore(int probe) {
        return usdt4j$semaphore(probe);
    }

    private static native void fire_item__added(String sku, int sku$length, int quantity,
            long bytes, long item);

    private static native void fire_cache__lookup(String outcome, int outcome$length, String key,
            int key$length, boolean hot, byte shard, short slot, char grade, long nanos);

    private static native void fire_note(String text, int text$length, int flags, String self,
            int self$length);

    private static native String usdt4j$buildId();

    private static native ByteBuffer usdt4j$semaphore(int probe);
}
