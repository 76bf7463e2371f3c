package io.github.usdt4j.processor;

import io.github.usdt4j.processor.model.Limits;

/**
 * Every message the processor reports, in one place so tests can refer to them. Each says
 * what is wrong, the rule, and the fix.
 */
public final class Messages {
    private Messages() {}

    public static String notAnInterface(String kind) {
        return "@Provider goes on an interface, not on " + kind + "; declare the probes as methods of an interface";
    }

    public static String privateInterface() {
        return "a @Provider interface cannot be private: its generated implementation lives beside it in the"
                + " same package; make it package-private or public";
    }

    public static String genericInterface() {
        return "a @Provider interface cannot have type parameters: probes have fixed D types; remove them";
    }

    public static String invalidProviderName(String name) {
        return "provider name \"" + name + "\" is not a valid D identifier; use letters, digits and"
                + " underscores, starting with a letter (no dashes, no \"__\")";
    }

    public static String providerNameTooLong(String name) {
        return "provider name \"" + name + "\" has " + name.length() + " characters; DTrace appends the"
                + " process id to it and allows " + (Limits.MAX_PROVIDER_LENGTH + 10) + ", so use at most "
                + Limits.MAX_PROVIDER_LENGTH;
    }

    public static String providerNameEndsWithDigit(String name) {
        return "provider name \"" + name + "\" ends with a digit; DTrace appends the process id, so \""
                + name + "\" of pid 12 would read as \"" + name + "12\"; end it with a letter or underscore";
    }

    public static String duplicateProvider(String name, String other) {
        return "provider name \"" + name + "\" is already declared by " + other
                + "; a provider name must be unique, rename one of them";
    }

    public static String invalidProbeName(String name) {
        return "probe name \"" + name + "\" is not a valid D identifier once dashes become \"__\"; use"
                + " letters, digits, underscores and single dashes, starting with a letter";
    }

    public static String invalidDerivedProbeName(String name, String method) {
        return "probe name \"" + name + "\", derived from method " + method + ", is not a valid D identifier;"
                + " give the probe a name with @Probe(\"…\")";
    }

    public static String probeNameTooLong(String name) {
        return "probe name \"" + name + "\" is longer than DTrace's " + Limits.MAX_PROBE_LENGTH
                + " characters once dashes become \"__\"; shorten it";
    }

    public static String duplicateProbe(String name, String otherMethod) {
        return "probe name \"" + name + "\" is already used by method " + otherMethod
                + "; each probe of a provider needs its own name";
    }

    public static String probeNamesTooAlike(String name, String other) {
        return "probe names \"" + name + "\" and \"" + other + "\" differ only in case or in \"-\" against \"_\";"
                + " some tools fold case and the generated code spells both alike, so give them different names";
    }

    public static String probeReturnsValue(String type) {
        return "a probe method returns void, not " + type + "; probes have no result (for an is-enabled check,"
                + " annotate a boolean method with @Enabled)";
    }

    public static String genericProbe() {
        return "a probe method cannot have type parameters: each argument needs a fixed D type; remove them";
    }

    public static String probeThrows() {
        return "a probe method declares no exceptions: a probe never throws; remove the throws clause";
    }

    public static String varargsProbe() {
        return "a probe method cannot take varargs: each argument is a fixed probe argument; list them";
    }

    public static String tooManyArguments(int count) {
        return "a probe takes at most " + Limits.MAX_ARGUMENTS + " arguments (sys/sdt.h's limit), this one has "
                + count + "; split it into two probes or pass fewer values";
    }

    public static String wideProbe(int count) {
        return "this probe has " + count + " arguments; bpftrace before 0.24 reads only arg0 to arg5 on"
                + " x86_64 (perf and DTrace read them all); put the arguments most users need first";
    }

    public static String floatingPoint(String type) {
        return type + " arguments are not supported: USDT arguments are integers and pointers; pass a scaled"
                + " long (e.g. microseconds instead of seconds), Double.doubleToRawLongBits, or a String";
    }

    public static String unsupportedType(String type) {
        return "a probe argument cannot be " + type + "; use a primitive integer, boolean, char, String,"
                + " an enum or an object (passed as its toString())";
    }

    public static String badDType(String detail) {
        return "@DType does not fit this parameter: " + detail;
    }

    public static String maxBytesOutOfRange(int value) {
        return "a string limit of " + value + " bytes is out of range; use 1 to " + Limits.MAX_STRING_BYTES
                + " (the glue keeps each string on the native stack)";
    }

    public static String parameterNameNotInD(String name) {
        return "parameter name " + name + " cannot be a D or C name, which it becomes in the provider file and the glue;"
                + " use ASCII letters, digits and _ only";
    }

    public static String parameterNamesCollide(String first, String second, String dName) {
        return "parameters " + first + " and " + second + " would both be named " + dName
                + " in the provider file and the glue (a D keyword gets a trailing _); rename one of them";
    }

    public static String maxBytesOnNumber() {
        return "maxBytes applies to string arguments only; remove it from this number";
    }

    public static String missingProbeAnnotation() {
        return "every abstract method of a @Provider interface is a probe and needs @Probe"
                + " (or @Enabled for an is-enabled check); add it, or give the method a default body";
    }

    public static String bothAnnotations() {
        return "a method is either a probe (@Probe) or an is-enabled check (@Enabled), not both; remove one";
    }

    public static String enabledSignature() {
        return "an @Enabled method takes no parameters and returns boolean, like \"boolean logEnabled();\"";
    }

    public static String enabledUnknownProbe(String name) {
        return "@Enabled names probe \"" + name + "\", which this provider does not declare; name one of its"
                + " probes, or call the method <probeMethod>Enabled";
    }

    public static String badStability(String element, String attributes, String problem) {
        return "@Stability(" + element + " = \"" + attributes + "\") " + problem
                + "; write name stability/data stability/dependency class, e.g. \"Evolving/Evolving/ISA\"";
    }

    public static String noLinkStep(String provider, String pom) {
        return "usdt4j: nothing in " + pom + " or its parents runs the usdt4j-maven-plugin's link goal, so the jar"
                + " will have no library for provider " + provider + " and its probes will be no-ops at run time;"
                + " add the plugin with <goal>link</goal> (see the README), or pass -A" + LinkStepCheck.OPTION
                + "=false if another build step links it";
    }

    public static String internalError(String type, Throwable e) {
        return "FATAL ERROR: usdt4j could not process " + type + ": " + e + "; please report this with the"
                + " interface that caused it";
    }
}
