using Loyalty.Domain.Common;
using Loyalty.Domain.Financial.Grants;
using Loyalty.Domain.Social.Members;

namespace Loyalty.Domain.Tests.Financial;

public sealed class BulkGrantTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Recipients_are_normalised_deduplicated_and_invalid_entries_kept_apart()
    {
        var a = MemberNumber.Generate().Value;
        var b = MemberNumber.Generate().Value;
        var mistyped = a[..11] + (char)('0' + ((a[11] - '0' + 1) % 10)); // wrong check digit

        var recipients = BulkGrantRecipients.From([a, $"{b[..4]} {b[4..8]}-{b[8..]}", a, " 123 ", b, mistyped, "123"]);

        Assert.Equal([a, b], recipients.Numbers);
        Assert.Equal(["123", mistyped], recipients.Invalid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(BulkGrant.MaxPoints + 1)]
    public void A_grant_gives_a_sensible_number_of_points(long points) =>
        Assert.Equal("invalid_grant", Assert.Throws<DomainException>(() => BulkGrant.Create("Thanks", points, "admin", Now)).Code);

    [Fact]
    public void A_grant_needs_a_reason_and_keeps_it_trimmed()
    {
        Assert.Throws<DomainException>(() => BulkGrant.Create("  ", 10, "admin", Now));
        Assert.Equal("Thanks", BulkGrant.Create(" Thanks ", 10, "admin", Now).Reason);
    }
}
