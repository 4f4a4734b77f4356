package io.github.flinkdatahub.emulator.http;

/** Answers the requests of one part of the API. */
@FunctionalInterface
public interface RequestHandler {
    ApiResponse handle(Route route, ApiRequest request);
}
