namespace Loyalty.Application.Errors;

/// <summary>The kinds of failure a use case reports; the API maps each to one HTTP status.</summary>
public enum ErrorKind
{
    BadRequest,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>A use case refused a request for a reason the caller can act on. <see cref="Code"/> is stable.</summary>
public class AppException(ErrorKind kind, string code, string message) : Exception(message)
{
    public ErrorKind Kind { get; } = kind;

    public string Code { get; } = code;

    public static AppException NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    public static AppException Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    public static AppException BadRequest(string code, string message) => new(ErrorKind.BadRequest, code, message);

    public static AppException Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);
}
