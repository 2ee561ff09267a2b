namespace Loyalty.Application.Features.Customised.Recommendations;

/// <summary>
/// What the programme's baskets hold, counted by the database: baskets with a categorised line, baskets holding each
/// category, and baskets holding each pair of different categories (in both directions).
/// </summary>
public sealed record BasketCounts(int Total, IReadOnlyDictionary<string, int> WithCategory, IReadOnlyList<(string From, string To, int Baskets)> Together);
