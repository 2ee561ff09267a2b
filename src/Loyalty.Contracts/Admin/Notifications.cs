namespace Loyalty.Contracts.Admin;

/// <summary>
/// The frequency cap on interest notifications: a member gets at most maxPerWindow of them in any rolling windowDays
/// days (0 switches them off).
/// </summary>
public sealed record NotificationSettingsRequest(int MaxPerWindow, int WindowDays);

/// <summary>The cap in force; updatedAt is null while the programme's default applies.</summary>
public sealed record NotificationSettingsResponse(int MaxPerWindow, int WindowDays, DateTimeOffset? UpdatedAt);
