package dev.mentorship.systemtests;

import dev.mentorship.devstack.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One platform for the system tests that only add records of their own and stop nothing: started
 * for the first that asks for a {@link Platform} parameter, stopped and deleted when the run ends.
 */
public final class SharedPlatform implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedPlatform.class))
                .computeIfAbsent(Running.class, key -> start(), Running.class).platform();
    }

    private static Running start() {
        try {
            Platform platform = new Platform(Platform.Settings.isolated(Checkout.root(), Files.createTempDirectory("mentorship-shared-")));
            platform.up();
            return new Running(platform);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closed by JUnit when the run ends. */
    private record Running(Platform platform) implements AutoCloseable {

        @Override
        public void close() {
            platform.downAndDelete();
        }
    }
}
