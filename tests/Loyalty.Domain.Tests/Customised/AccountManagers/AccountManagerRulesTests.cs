using Loyalty.Domain.Common;
using Loyalty.Domain.Customised.AccountManagers;

namespace Loyalty.Domain.Tests.Customised.AccountManagers;

public sealed class AccountManagerRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_manager_takes_members_up_to_their_capacity_and_none_while_inactive()
    {
        var manager = AccountManager.Register(" sub-1 ", " Morgan ", "m@club.example", 3, Now);
        Assert.Equal(("sub-1", "Morgan", true), (manager.Subject, manager.Name, manager.Active));

        manager.EnsureCanTake(1, 2);
        Assert.Equal("account_manager_at_capacity", Assert.Throws<DomainException>(() => manager.EnsureCanTake(2, 2)).Code);

        manager.Change("Morgan", "m@club.example", 3, false, Now);
        Assert.Equal("account_manager_inactive", Assert.Throws<DomainException>(() => manager.EnsureCanTake(0, 1)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(AccountManager.MaxCapacity + 1)]
    public void Capacity_stays_in_range(int capacity) =>
        Assert.Equal("invalid_capacity", Assert.Throws<DomainException>(() => AccountManager.Register("s", "n", "e@x.example", capacity, Now)).Code);

    [Fact]
    public void A_move_records_from_to_when_by_and_why()
    {
        var (memberId, first, second) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var assignment = PortfolioAssignment.Assign(memberId, first, "admin@a", Now);

        var change = assignment.MoveTo(second, "admin@b", " Moved desks ", Now.AddDays(1));

        Assert.Equal((memberId, (Guid?)first, (Guid?)second, "admin@b", "Moved desks", Now.AddDays(1)), (change.MemberId, change.FromManagerId, change.ToManagerId, change.ChangedBy, change.Reason, change.ChangedAt));
        Assert.Equal((second, "admin@b", Now.AddDays(1)), (assignment.ManagerId, assignment.AssignedBy, assignment.AssignedAt));
        change.ForgetReason();
        Assert.Equal("", change.Reason);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(100, 0, 100)]
    [InlineData(100, 2, 150)]
    [InlineData(-5, 3, 0)]
    public void Value_is_net_spend_weighted_by_a_quarter_per_tier_rank(decimal spend, int rank, decimal expected) =>
        Assert.Equal(expected, MemberValue.Score(spend, rank));
}
