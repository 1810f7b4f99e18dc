package dev.referent.server;

/**
 * An error answered as JSON {@code {"error": code, "detail": detail}} with its HTTP status. Unchecked so that it can
 * leave the option parser and the worker's lambdas; it never carries a stack trace to the client.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String error;

    HttpError(int status, String error, String detail) {
        super(detail, null, false, false); // no stack trace: these are answers, not failures of the service
        this.status = status;
        this.error = error;
    }

    static HttpError badRequest(String detail) {
        return new HttpError(400, "bad_request", detail);
    }
}
