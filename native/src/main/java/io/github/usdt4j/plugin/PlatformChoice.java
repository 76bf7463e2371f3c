package io.github.usdt4j.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which platforms a build links, from the {@code platforms} parameter ({@code usdt4j.platforms}):
 *
 * <ul>
 *   <li>unset: the build machine's platform and {@link LinuxPlatform#DEFAULT}; a default one
 *       whose cross compiler is missing is skipped with one line;
 *   <li>a list of folder names ({@code linux-x86_64,linux-aarch64}), {@code host} for the
 *       build machine's, or {@code all}: each is required, and a missing compiler fails the build.
 * </ul>
 */
final class PlatformChoice {
    /** A platform to link; {@code named} when the build asked for it by name. */
    record Choice(LinuxPlatform platform, boolean named) {}

    private PlatformChoice() {}

    static List<Choice> parse(String platforms) throws LinkFailure {
        LinuxPlatform host = LinuxPlatform.host().orElseThrow();
        Map<LinuxPlatform, Boolean> chosen = new LinkedHashMap<>();
        if (platforms == null || platforms.isBlank()) {
            chosen.put(host, true);
            for (LinuxPlatform platform : LinuxPlatform.DEFAULT) {
                chosen.putIfAbsent(platform, false);
            }
        } else {
            for (String name : platforms.trim().split("[,\\s]+")) {
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "host" -> chosen.put(host, true);
                    case "all" -> {
                        for (LinuxPlatform platform : LinuxPlatform.values()) {
                            chosen.put(platform, true);
                        }
                    }
                    default -> chosen.put(LinuxPlatform.ofFolder(name).orElseThrow(() -> new LinkFailure(
                            "usdt4j: unknown platform '" + name + "' in usdt4j.platforms; name some of "
                                    + LinuxPlatform.folders() + ", or host, or all")), true);
                }
            }
        }
        List<Choice> choices = new ArrayList<>();
        chosen.forEach((platform, named) -> choices.add(new Choice(platform, named)));
        return choices;
    }
}
