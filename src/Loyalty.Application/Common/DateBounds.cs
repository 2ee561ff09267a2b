using FluentValidation;

namespace Loyalty.Application.Common;

/// <summary>
/// The dates a report or list accepts as a parameter. Far enough either way for any real question, and far enough
/// inside what DateOnly/DateTimeOffset and the databases hold that a handler's date arithmetic (a day or a year
/// either side) cannot overflow into a 500.
/// </summary>
public static class DateBounds
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2999, 12, 31);

    private static readonly DateTimeOffset EarliestInstant = new(Earliest.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    private static readonly DateTimeOffset LatestInstant = new(Latest.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static string Message(string parameter) => $"{parameter} must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.";

    public static bool Contains(DateOnly? date) => date is null || (date.Value >= Earliest && date.Value <= Latest);

    public static bool Contains(DateTimeOffset? instant) => instant is null || (instant.Value >= EarliestInstant && instant.Value < LatestInstant);

    /// <summary>Refuses a date parameter outside <see cref="Earliest"/>..<see cref="Latest"/> with a 400 that names the bounds.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> WithinDateBounds<T>(this IRuleBuilder<T, DateOnly?> rule, string parameter) =>
        rule.Must(d => Contains(d)).WithMessage(Message(parameter));

    /// <inheritdoc cref="WithinDateBounds{T}(IRuleBuilder{T, DateOnly?}, string)"/>
    public static IRuleBuilderOptions<T, DateTimeOffset?> WithinDateBounds<T>(this IRuleBuilder<T, DateTimeOffset?> rule, string parameter) =>
        rule.Must(d => Contains(d)).WithMessage(Message(parameter));
}
