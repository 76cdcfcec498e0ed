package dev.tokenguard.internal.jakarta;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;

/** {@code Optional<T>} as a reflective type, for conversions asked for by injection points. */
final class ParameterizedTypes {

    private ParameterizedTypes() {
    }

    record OptionalOf(Type argument) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {argument};
        }

        @Override
        public Type getRawType() {
            return Optional.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }
}
