package dev.sluice.broker.network;

import io.netty.util.concurrent.DefaultThreadFactory;

/** Daemon-free, named threads for the event loops, so thread dumps say what each thread is. */
final class NamedThreadFactory extends DefaultThreadFactory {
    NamedThreadFactory(String prefix) {
        super(prefix, false);
    }
}
