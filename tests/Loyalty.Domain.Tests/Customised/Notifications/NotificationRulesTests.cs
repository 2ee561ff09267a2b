using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.Notifications;
using Loyalty.Domain.Customised.Profiles;

namespace Loyalty.Domain.Tests.Customised.Notifications;

public sealed class NotificationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ContactChannel.Email, new[] { ContactChannel.Push, ContactChannel.Email }, ContactChannel.Email)]
    [InlineData(ContactChannel.Email, new[] { ContactChannel.Sms, ContactChannel.Push }, ContactChannel.Push)]
    [InlineData(ContactChannel.Sms, new[] { ContactChannel.Email }, ContactChannel.Email)]
    [InlineData(null, new[] { ContactChannel.Sms, ContactChannel.Email }, ContactChannel.Email)]
    [InlineData(null, new[] { ContactChannel.Sms }, ContactChannel.Sms)]
    public void The_preferred_channel_wins_when_consented_otherwise_push_then_email_then_sms(ContactChannel? preferred, ContactChannel[] consented, ContactChannel expected) =>
        Assert.Equal(expected, NotificationChannels.Choose(preferred, consented));

    [Fact]
    public void Without_any_marketing_consent_there_is_no_channel()
    {
        Assert.Null(NotificationChannels.Choose(ContactChannel.Push, []));
        Assert.Null(NotificationChannels.Choose(null, [ContactChannel.None]));
    }

    [Fact]
    public void The_cap_defaults_to_three_a_week_and_stays_within_its_range()
    {
        var settings = NotificationSettings.Default(Now);
        Assert.Equal((3, 7), (settings.MaxPerWindow, settings.WindowDays));
        settings.Change(0, 30, Now);
        Assert.Equal((0, 30), (settings.MaxPerWindow, settings.WindowDays));
        Assert.Equal("invalid_notification_settings", Assert.Throws<DomainException>(() => settings.Change(101, 7, Now)).Code);
        Assert.Equal("invalid_notification_settings", Assert.Throws<DomainException>(() => settings.Change(3, 0, Now)).Code);
        Assert.Equal("invalid_notification_settings", Assert.Throws<DomainException>(() => settings.Change(3, 91, Now)).Code);
    }
}
