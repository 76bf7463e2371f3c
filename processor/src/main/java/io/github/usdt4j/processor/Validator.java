package io.github.usdt4j.processor;

import io.github.usdt4j.processor.model.ArgumentModel;
import io.github.usdt4j.processor.model.DTypes;
import io.github.usdt4j.processor.model.EnabledCheckModel;
import io.github.usdt4j.processor.model.Limits;
import io.github.usdt4j.processor.model.ProbeModel;
import io.github.usdt4j.processor.model.ProviderModel;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;

/**
 * Checks a provider model against what D, {@code sys/sdt.h} and the tracers accept. Reports
 * every problem, not only the first.
 */
final class Validator {
    private final Reporter reporter;
    /** Provider names declared so far in this compilation, with the interface declaring each. */
    private final Map<String, String> providersSeen = new HashMap<>();

    Validator(Reporter reporter) {
        this.reporter = reporter;
    }

    /** {@code true} when the model is fit for the writers. */
    boolean validate(ProviderModel provider) {
        int errorsBefore = reporter.errorCount();
        validateProviderName(provider);
        Map<String, ProbeModel> byName = new HashMap<>();
        Map<String, ProbeModel> byFoldedName = new HashMap<>();
        for (ProbeModel probe : provider.probes()) {
            validateProbeName(probe);
            ProbeModel same = byName.putIfAbsent(probe.name(), probe);
            if (same != null) {
                reporter.error(Messages.duplicateProbe(probe.name(), same.methodName()),
                        probe.element(), probe.annotation(), "value");
            } else {
                // the generated constants spell a name in upper case with "_" for "-"
                String foldedName = probe.name().replace('-', '_').toLowerCase(Locale.ROOT);
                ProbeModel folded = byFoldedName.putIfAbsent(foldedName, probe);
                if (folded != null) {
                    reporter.error(Messages.probeNamesTooAlike(probe.name(), folded.name()),
                            probe.element(), probe.annotation(), "value");
                }
            }
            validateArguments(probe);
        }
        for (EnabledCheckModel check : provider.enabledChecks()) {
            if (provider.probeNamed(check.probeName()).isEmpty()) {
                reporter.error(Messages.enabledUnknownProbe(check.probeName()),
                        check.element(), check.annotation(), "value");
            }
        }
        return reporter.errorCount() == errorsBefore;
    }

    private void validateProviderName(ProviderModel provider) {
        String name = provider.name();
        AnnotationMirror annotation = provider.annotation();
        if (!Names.isValidProviderName(name)) {
            reporter.error(Messages.invalidProviderName(name), provider.element(), annotation, "value");
            return;
        }
        if (name.length() > Limits.MAX_PROVIDER_LENGTH) {
            reporter.error(Messages.providerNameTooLong(name), provider.element(), annotation, "value");
        }
        if (Character.isDigit(name.charAt(name.length() - 1))) {
            reporter.error(Messages.providerNameEndsWithDigit(name), provider.element(), annotation, "value");
        }
        String interfaceName = provider.providerInterface().canonicalName();
        String other = providersSeen.putIfAbsent(name, interfaceName);
        if (other != null && !other.equals(interfaceName)) {
            reporter.error(Messages.duplicateProvider(name, other), provider.element(), annotation, "value");
        }
    }

    private void validateProbeName(ProbeModel probe) {
        boolean derived = Reporter.explicitValue(probe.annotation(), "value")
                .map(value -> value.getValue().toString().isEmpty())
                .orElse(true);
        if (!Names.isValidProbeName(probe.name())) {
            String message = derived
                    ? Messages.invalidDerivedProbeName(probe.name(), probe.methodName())
                    : Messages.invalidProbeName(probe.name());
            reporter.error(message, probe.element(), probe.annotation(), "value");
        } else if (probe.dName().length() > Limits.MAX_PROBE_LENGTH) {
            reporter.error(Messages.probeNameTooLong(probe.name()), probe.element(), probe.annotation(), "value");
        }
    }

    private void validateArguments(ProbeModel probe) {
        int count = probe.arguments().size();
        if (count > Limits.MAX_ARGUMENTS) {
            reporter.error(Messages.tooManyArguments(count), probe.element());
        } else if (count > Limits.BPFTRACE_ARGUMENTS) {
            reporter.warning(Messages.wideProbe(count), probe.element());
        }
        Map<String, ArgumentModel> byDName = new HashMap<>();
        for (ArgumentModel argument : probe.arguments()) {
            if (!Names.isValidDParameterName(argument.dName())) {
                reporter.error(Messages.parameterNameNotInD(argument.javaName()), argument.element());
            } else {
                ArgumentModel same = byDName.putIfAbsent(argument.dName(), argument);
                if (same != null) {
                    reporter.error(Messages.parameterNamesCollide(same.javaName(), argument.javaName(), argument.dName()),
                            argument.element());
                }
            }
            Optional<String> mismatch = DTypes.mismatch(argument.kind(), argument.dType());
            if (mismatch.isPresent()) {
                reporter.error(Messages.badDType(mismatch.get()), argument.element(), argument.dTypeAnnotation(), "value");
            }
            if (argument.maxBytesDeclared() && !argument.kind().isText()) {
                reporter.error(Messages.maxBytesOnNumber(), argument.element(), argument.dTypeAnnotation(), "maxBytes");
            } else if (argument.kind().isText()
                    && (argument.maxBytes() < 1 || argument.maxBytes() > Limits.MAX_STRING_BYTES)) {
                reporter.error(Messages.maxBytesOutOfRange(argument.maxBytes()), argument.element(),
                        argument.dTypeAnnotation(), "maxBytes");
            }
        }
    }
}
