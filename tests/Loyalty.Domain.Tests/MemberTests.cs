using Loyalty.Domain.Common;
using Loyalty.Domain.Social.Members;

namespace Loyalty.Domain.Tests;

public sealed class MemberTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Enrol_trims_the_details_and_upper_cases_the_normalized_email()
    {
        var number = MemberNumber.Generate();
        var tierId = Guid.NewGuid();

        var member = Member.Enrol(number, new MemberDetails("  Anna ", " Kowalski  ", " Anna.K@Example.com ", "   ", null), tierId, EnrolmentChannel.Store, Now);

        Assert.Equal("Anna", member.FirstName);
        Assert.Equal("Kowalski", member.LastName);
        Assert.Equal("Anna.K@Example.com", member.Email);
        Assert.Equal("ANNA.K@EXAMPLE.COM", member.NormalizedEmail);
        Assert.Null(member.Phone);
        Assert.Equal(number.Value, member.MemberNumber);
        Assert.Equal((MemberStatus.Active, tierId, EnrolmentChannel.Store, Now), (member.Status, member.TierId, member.EnrolmentChannel, member.EnrolledAt));
    }

    [Theory]
    [InlineData("Anna", "Kowalski", "Anna K.")]
    [InlineData(" Anna ", " kowalski", "Anna k.")]
    [InlineData("Anna", "", "Anna")]
    [InlineData("Anna", "   ", "Anna")]
    public void DisplayName_shows_the_first_name_and_the_initial_of_the_last_name(string first, string last, string expected)
    {
        var member = Enrol(first, last);

        Assert.Equal(expected, member.DisplayName);
    }

    [Fact]
    public void An_active_member_can_transact()
    {
        var member = Enrol("Anna", "Kowalski");

        var error = Record.Exception(member.EnsureCanTransact);

        Assert.Null(error);
    }

    // Member has no public way to change its status yet (it only happens in the database), so the test sets it by reflection.
    [Theory]
    [InlineData(MemberStatus.Suspended, "member_suspended")]
    [InlineData(MemberStatus.Closed, "member_closed")]
    public void A_suspended_or_closed_member_cannot_transact(MemberStatus status, string code)
    {
        var member = Enrol("Anna", "Kowalski");
        typeof(Member).GetProperty(nameof(Member.Status))!.SetValue(member, status);

        var error = Assert.Throws<DomainException>(member.EnsureCanTransact);

        Assert.Equal(code, error.Code);
    }

    private static Member Enrol(string first, string last) =>
        Member.Enrol(MemberNumber.Generate(), new MemberDetails(first, last, "anna@example.com", null, null), Guid.NewGuid(), EnrolmentChannel.App, Now, externalId: "sub-1");
}
