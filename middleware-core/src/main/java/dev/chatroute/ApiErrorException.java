package dev.chatroute;

/** A refused or failed call, carrying the contract error the caller will see. */
public class ApiErrorException extends ChatrouteException {

    private final transient ApiError error;

    public ApiErrorException(ApiError error) {
        super(error.status() + " " + error.type() + "/" + error.code() + ": " + error.message());
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
