package dev.tokenguard.internal.jakarta;

import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.ClaimValue;

/** A {@link ClaimValue} that reads the claim of whichever request is current each time it is asked. */
final class CurrentClaimValue<T> implements ClaimValue<T> {

    private final String name;
    private final Supplier<Object> value;

    CurrentClaimValue(String name, Supplier<Object> value) {
        this.name = name;
        this.value = value;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T getValue() {
        return (T) value.get();
    }

    @Override
    public String toString() {
        return "ClaimValue[" + name + "]";
    }
}
