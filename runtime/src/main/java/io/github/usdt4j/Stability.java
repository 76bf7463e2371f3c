package io.github.usdt4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * DTrace stability attributes of a {@link Provider}, emitted as {@code #pragma D attributes}
 * lines in the provider file. Each value is {@code name stability/data stability/dependency
 * class}, as in the DTrace guide's stability chapter:
 *
 * <ul>
 *   <li>stability: {@code Internal}, {@code Private}, {@code Obsolete}, {@code External},
 *       {@code Unstable}, {@code Evolving}, {@code Stable}, {@code Standard};
 *   <li>dependency class: {@code Unknown}, {@code CPU}, {@code Platform}, {@code Group},
 *       {@code ISA}, {@code Common}.
 * </ul>
 *
 * <p>The defaults are those the guide gives for statically defined probes.
 *
 * <pre>{@code
 * @Provider("libmtev")
 * @Stability(provider = "Evolving/Evolving/ISA", name = "Evolving/Evolving/ISA", args = "Evolving/Evolving/ISA")
 * public interface Libmtev { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Stability {
    /** The provider itself. */
    String provider() default "Evolving/Evolving/ISA";

    /** The module part of probe descriptions. */
    String module() default "Private/Private/Unknown";

    /** The function part of probe descriptions. */
    String function() default "Private/Private/Unknown";

    /** Probe names. */
    String name() default "Private/Private/ISA";

    /** Probe arguments. */
    String args() default "Private/Private/ISA";
}
