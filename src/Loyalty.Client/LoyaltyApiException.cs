using Loyalty.Contracts;

namespace Loyalty.Client;

/// <summary>
/// An error answer from the Loyalty API, read from its RFC 9457 problem details.
/// Branch on <see cref="Code"/>, which is stable, e.g.
/// <c>catch (LoyaltyApiException e) when (e.Is(ErrorCodes.InsufficientPoints))</c> with the constants of
/// <see cref="ErrorCodes"/> (each documented there), or catch a subclass by kind
/// (<see cref="LoyaltyValidationException"/>, <see cref="LoyaltyNotFoundException"/>, <see cref="LoyaltyBusinessRuleException"/>, ...).
/// </summary>
public class LoyaltyApiException : Exception
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>Creates the exception; the client does this for every non-success response.</summary>
    /// <param name="status">HTTP status code of the response.</param>
    /// <param name="code">Machine-readable error code; <c>http_&lt;status&gt;</c> when the API sent none.</param>
    /// <param name="title">Short, human-readable summary of the problem type.</param>
    /// <param name="detail">Explanation specific to this occurrence.</param>
    /// <param name="errors">Validation failures by field name.</param>
    /// <param name="traceId">Server trace id, worth logging for support.</param>
    /// <param name="type">URI identifying the problem type.</param>
    /// <param name="instance">URI identifying this occurrence.</param>
    public LoyaltyApiException(
        int status,
        string code,
        string? title = null,
        string? detail = null,
        IReadOnlyDictionary<string, string[]>? errors = null,
        string? traceId = null,
        string? type = null,
        string? instance = null)
        : base(BuildMessage(status, code, title, detail))
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Errors = errors ?? NoErrors;
        TraceId = traceId;
        Type = type;
        Instance = instance;
    }

    /// <summary>HTTP status code of the response.</summary>
    public int Status { get; }

    /// <summary>True when the API answered with <paramref name="code"/>, one of the <see cref="ErrorCodes"/> constants.</summary>
    public bool Is(string code) => string.Equals(Code, code, StringComparison.Ordinal);

    /// <summary>Stable machine code, one of <see cref="ErrorCodes"/> such as <c>insufficient_points</c>, or <c>http_&lt;status&gt;</c> for a non-problem answer.</summary>
    public string Code { get; }

    /// <summary>Short summary of the problem type, or the reason phrase for a non-problem answer.</summary>
    public string? Title { get; }

    /// <summary>Explanation specific to this occurrence, if any.</summary>
    public string? Detail { get; }

    /// <summary>Validation failures: field name (case-insensitive) to messages. Empty when there are none.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>Server trace id, if sent; quote it when reporting a problem.</summary>
    public string? TraceId { get; }

    /// <summary>URI identifying the problem type, if sent.</summary>
    public string? Type { get; }

    /// <summary>URI identifying this occurrence, if sent.</summary>
    public string? Instance { get; }

    private static string BuildMessage(int status, string code, string? title, string? detail)
    {
        var message = $"{title ?? "Loyalty API error"} ({status} {code})";
        return string.IsNullOrEmpty(detail) ? message : $"{message}: {detail}";
    }
}
