package dev.sluice.bench.jmh;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Method handles to the package-private classes on the hot paths (indexes, the append validator, the request
 * decoder and response encoder). Those classes stay package-private in their modules; the benchmarks live in
 * their own package and reach them here, once per class load. Held in static finals and called with
 * {@code invokeExact}, a handle is inlined like a direct call. Works on the class path (the unnamed module),
 * which is how the benchmarks run.
 */
final class Internals {
    private Internals() {
    }

    static MethodHandle constructor(String className, MethodType type) {
        Class<?> owner = load(className);
        try {
            return lookupIn(owner).findConstructor(owner, type).asType(type.changeReturnType(Object.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no constructor " + type + " in " + className, e);
        }
    }

    /** An instance method, with the receiver typed as Object so callers need not name its class. */
    static MethodHandle method(String className, String name, MethodType type) {
        Class<?> owner = load(className);
        try {
            return lookupIn(owner).findVirtual(owner, name, type).asType(type.insertParameterTypes(0, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no method " + name + type + " in " + className, e);
        }
    }

    static MethodHandle staticMethod(String className, String name, MethodType type) {
        Class<?> owner = load(className);
        try {
            return lookupIn(owner).findStatic(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no static method " + name + type + " in " + className, e);
        }
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, true, Internals.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the class path", e);
        }
    }

    private static MethodHandles.Lookup lookupIn(Class<?> owner) throws IllegalAccessException {
        return MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
    }
}
