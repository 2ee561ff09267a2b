namespace Loyalty.Contracts.Common;

/// <summary>A page of a list. Pass <see cref="NextCursor"/> back as <c>?cursor=</c> for the next page; null means the end.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
