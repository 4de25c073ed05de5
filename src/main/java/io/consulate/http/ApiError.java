package io.consulate.http;

/** A request Consul would refuse: the status code and the plain-text reason it would send. */
public class ApiError extends RuntimeException {
  private final int status;

  public ApiError(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiError badRequest(String reason) {
    return new ApiError(400, reason);
  }

  public static ApiError notFound(String reason) {
    return new ApiError(404, reason);
  }
}
