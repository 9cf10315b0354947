package org.lpa4j.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** An interface's object with every call passed through a {@link Call}: how the step-counting commands look inside a backend's programs. */
final class Proxies {
    private Proxies() {
    }

    /** A call on the proxy, given its method and arguments. */
    interface Call {
        Object invoke(Method method, Object[] args) throws Exception;
    }

    /** {@code target} as a {@code type} whose calls (but {@link Object}'s) go to {@code call}, which may pass them on. */
    static <T> T of(Class<T> type, T target, Call call) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
