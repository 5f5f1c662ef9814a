package dev.sluice.broker.groups;

/** The group coordinator cannot serve yet (its offsets topic is missing or cannot be created). */
public final class CoordinatorUnavailableException extends RuntimeException {
    public CoordinatorUnavailableException(String message) {
        super(message);
    }
}
