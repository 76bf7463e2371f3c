package example.shop;

import io.github.usdt4j.DType;
import io.github.usdt4j.Enabled;
import io.github.usdt4j.Probe;
import io.github.usdt4j.Provider;
import io.github.usdt4j.Stability;

/** Every argument kind, a derived probe name, an is-enabled check, a helper method. */
public class Shop {
    public enum Outcome { HIT, MISS }

    @Provider("inventory")
    @Stability(name = "Evolving/Evolving/Common")
    public interface Inventory {
        @Probe("item-added")
        void itemAdded(String sku, int quantity, @DType("size_t") long bytes, @DType("struct item *") long item);

        @Probe
        void cacheLookup(Outcome outcome, Object key, boolean hot, byte shard, short slot, char grade, long nanos);

        @Probe("note")
        void note(@DType(maxBytes = 31) String text, @DType("uint32_t") int flags, String self);

        @Enabled
        boolean itemAddedEnabled();

        default void itemAdded(String sku) {
            itemAdded(sku, 1, 0L, 0L);
        }
    }
}
