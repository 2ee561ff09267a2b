namespace Loyalty.Domain.Common;

/// <summary>
/// A business rule said no. <see cref="Code"/> is stable and machine-readable (e.g. <c>insufficient_points</c>);
/// the API turns it into a 422 problem details response.
/// </summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
