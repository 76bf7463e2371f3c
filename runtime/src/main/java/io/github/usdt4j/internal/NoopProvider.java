package io.github.usdt4j.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The stand-in for a provider interface that has no usable generated implementation: probes
 * do nothing, is-enabled checks say {@code false}, default methods run as written.
 */
public final class NoopProvider {
    private static final InvocationHandler HANDLER = NoopProvider::answer;

    private NoopProvider() {}

    public static Object create(Class<?> providerInterface) {
        return Proxy.newProxyInstance(
                providerInterface.getClassLoader(), new Class<?>[] {providerInterface}, HANDLER);
    }

    public static boolean isNoop(Object probes) {
        return Proxy.isProxyClass(probes.getClass()) && Proxy.getInvocationHandler(probes) == HANDLER;
    }

    private static Object answer(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        switch (method.getName()) {
            case "toString":
                return "usdt4j no-op provider " + proxy.getClass().getInterfaces()[0].getName();
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
        }
    }
}
