using Loyalty.Domain.Common;

namespace Loyalty.Domain.Customised.Notifications;

/// <summary>
/// The programme's frequency cap on interest notifications: a member gets at most <see cref="MaxPerWindow"/> in any
/// rolling <see cref="WindowDays"/> days. One row; until staff change it, <see cref="Default"/> applies.
/// </summary>
public sealed class NotificationSettings
{
    public const int SingletonId = 1;
    public const int DefaultMaxPerWindow = 3;
    public const int DefaultWindowDays = 7;
    public const int MaxCap = 100;
    public const int MaxWindowDays = 90;

    private NotificationSettings()
    {
    }

    public int Id { get; private set; }

    /// <summary>Notifications a member may get within the window; 0 switches interest notifications off.</summary>
    public int MaxPerWindow { get; private set; }

    public int WindowDays { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static NotificationSettings Default(DateTimeOffset now) =>
        new() { Id = SingletonId, MaxPerWindow = DefaultMaxPerWindow, WindowDays = DefaultWindowDays, UpdatedAt = now };

    public void Change(int maxPerWindow, int windowDays, DateTimeOffset now)
    {
        if (maxPerWindow is < 0 or > MaxCap)
        {
            throw new DomainException("invalid_notification_settings", $"maxPerWindow is between 0 and {MaxCap}.");
        }

        if (windowDays is < 1 or > MaxWindowDays)
        {
            throw new DomainException("invalid_notification_settings", $"windowDays is between 1 and {MaxWindowDays}.");
        }

        (MaxPerWindow, WindowDays, UpdatedAt) = (maxPerWindow, windowDays, now);
    }
}
