package io.github.usdt4j.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The stand-in for a provider interface that has no usable generated implementation: probes
 * do nothing, is-enabled checks say {@code false}, default methods run as written (those of a
 * non-public interface return false, zero or null instead: they cannot be called from here).
 */
public final class NoopProvider {
    private static final InvocationHandler HANDLER = new InvocationHandler() { // not a method reference: start-up
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return answer(proxy, method, args);
        }
    };

    private NoopProvider() {}

    public static Object create(Class<?> providerInterface) {
        return Proxy.newProxyInstance(
                providerInterface.getClassLoader(), new Class<?>[] {providerInterface}, HANDLER);
    }

    private static Object answer(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault()) {
            try {
                return InvocationHandler.invokeDefault(proxy, method, args);
            } catch (IllegalAccessException notPublic) {
                // A non-public interface's default methods cannot be called from here.
                return zero(method.getReturnType());
            }
        }
        switch (method.getName()) {
            case "toString":
                return "usdt4j no-op provider " + proxy.getClass().getInterfaces()[0].getName();
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                return zero(method.getReturnType());
        }
    }

    /** What a method returns when it does nothing: false, zero or null. */
    private static Object zero(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
    }
}
