namespace Loyalty.Contracts.Common;

/// <summary>
/// Marks a free-text field that may hold line breaks (\n or \r\n) and tabs. Every other request string refuses all
/// control characters; this one refuses the rest of them (NUL, escape sequences, bidi overrides…) just the same.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class MultilineTextAttribute : Attribute
{
    /// <summary>What the OpenAPI documents say about such a field.</summary>
    public const string Description = "Line breaks (\\n or \\r\\n) and tabs are allowed; other control characters are refused.";
}
